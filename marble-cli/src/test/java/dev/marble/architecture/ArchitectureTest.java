package dev.marble.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.marble.api.Param;
import dev.marble.api.Tool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure docs/architecture.md draws, checked on the compiled classes of every module: one engine
 * (marble-core) with front ends around it, arrows pointing one way. A new dependency that closes a cycle or points
 * from the engine to a front end fails here, naming the classes that made it.
 */
class ArchitectureTest {

    /**
     * {@code @Tool} and {@code @Param}: inert markers that a library user imports from {@code dev.marble.api} with
     * everything else, but that the engine must read, so they are compiled into marble-core (the package is split
     * between marble-core and marble-api; see marble-api's package-info). Depending on them is not depending on
     * the facade.
     */
    private static final DescribedPredicate<JavaClass> MARKER_ANNOTATIONS = belongToAnyOf(Tool.class, Param.class);

    private static JavaClasses marble;

    @BeforeAll
    static void importMarble() {
        marble = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.marble");
    }

    @Test
    void theEnginesPackagesFormNoCycle() {
        slices().matching("dev.marble.(*)..")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), MARKER_ANNOTATIONS)
                .check(marble);
    }

    @Test
    void theSubpackagesOfEachPackageFormNoCycle() {
        slices().matching("dev.marble.*.(*)..").should().beFreeOfCycles().check(marble);
    }

    @Test
    void theEngineKnowsNoFrontEnd() {
        noClasses()
                .that()
                .resideInAnyPackage(Engine.PACKAGES)
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "dev.marble.chain..",
                                "dev.marble.format..",
                                "dev.marble.api..",
                                "dev.marble.cli..",
                                "dev.marble.ui..",
                                "dev.marble.mcp..",
                                "dev.marble.local..",
                                "dev.marble.otel..")
                        .and(DescribedPredicate.not(MARKER_ANNOTATIONS)))
                .check(marble);
    }

    /**
     * OpenTelemetry is marble-otel's alone, which Marble loads only when it is configured: a class elsewhere that
     * touched it would load the SDK into every command.
     */
    @Test
    void onlyMarbleOtelTouchesOpenTelemetry() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.marble.otel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.opentelemetry..")
                .check(marble);
    }

    /** {@code dev.marble.Marble} assembles the engine; the engine's packages do not reach up to it. */
    @Test
    void theEngineDoesNotReachUpToItsAssembly() {
        noClasses()
                .that()
                .resideInAnyPackage(Engine.PACKAGES)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.marble")
                .check(marble);
    }

    @Test
    void chainsKnowNeitherTheLibraryFacadeNorTheCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.marble.chain..", "dev.marble.format.chain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.marble.api..", "dev.marble.cli..")
                .check(marble);
    }

    @Test
    void theLibraryFacadeKnowsNoCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.marble.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.marble.cli..")
                .check(marble);
    }

    /** marble-core's engine packages: what every front end builds on. */
    private static final class Engine {
        static final String[] PACKAGES = {
            "dev.marble.agent..",
            "dev.marble.config..",
            "dev.marble.cost..",
            "dev.marble.error..",
            "dev.marble.event..",
            "dev.marble.json..",
            "dev.marble.model..",
            "dev.marble.process..",
            "dev.marble.provider..",
            "dev.marble.secret..",
            "dev.marble.store..",
            "dev.marble.tool.."
        };
    }
}
