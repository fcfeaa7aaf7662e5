package dev.marble.format.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.marble.chain.ChainDefaults;
import dev.marble.chain.ChainFileException;
import dev.marble.chain.ChainMode;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.PromptSource;
import dev.marble.chain.TelegramSettings;
import dev.marble.chain.TemplateVariables;
import dev.marble.config.ConfigWarning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llmauto's own chain files, unchanged, load and resolve in Marble (SEEDS-SPEC 1.5–1.7). */
class LlmautoChainFilesTest {

    @TempDir
    Path temp;

    private Path project;
    private Path home;
    private PromptResolver resolver;

    @BeforeEach
    void copyProject() throws IOException {
        project = LlmautoProject.copyInto(temp.resolve("project"));
        home = Files.createDirectories(temp.resolve("home"));
        resolver = new PromptResolver(project);
    }

    private LoadedChain load(String name) {
        return ChainLoader.load(new ChainCatalog(project).locate(name), List.of(), home);
    }

    private TemplateVariables vars(String chain) {
        Path state = project.resolve("state").resolve(chain);
        return TemplateVariables.of(home, chain, state, state.resolve("handoff.md"), 1);
    }

    @Test
    void everyShippedChainLoadsAndListsWithItsSummary() {
        assertThat(new ChainCatalog(project).list())
                .extracting(ChainCatalog.Entry::name, ChainCatalog.Entry::summary)
                .containsExactly(
                        tuple(
                                "controller-worker-loop",
                                "3 links, loop, Controller/Worker loop "
                                        + "with skip pattern: Opus controller assigns tasks to either Opus or "
                                        + "Sonnet worker based on complexity."),
                        tuple(
                                "forschung-kritik-nachlauf",
                                "5 links, once, Nachlauf: 5 fehlende "
                                        + "Einzelreviews (TAA, Spuk, Kant, Frieden, Transhumanismus+SWR) aus der "
                                        + "Kritik-Schleife"),
                        tuple(
                                "forschung-kritik-schleife",
                                "17 links, once, Kritik-Verbesserungs-"
                                        + "Schleife: K1->R1->K2->R1->12x K-einzeln->R-final fuer 12 "
                                        + "Forschungsprojekte (Opus)"),
                        tuple(
                                "forschung-todos",
                                "4 links, loop, Forschungs-TODOs: Opus Controller "
                                        + "steuert 3 Worker-Stufen (Sonnet mechanisch, Opus mittel, Opus Deep fuer "
                                        + "Projekte/Serien). "
                                        + "SCIENTIFIC_WORK_NOTES.md als Aufgabenquelle."),
                        tuple(
                                "review-chain",
                                "1 link, once, Single-pass review: one Opus reviewer "
                                        + "evaluates a set of artifacts (documents, code, etc.) and writes a "
                                        + "structured review report."),
                        tuple(
                                "software-bugfix",
                                "4 links, loop, Bug-Hunting Kampagne: Opus "
                                        + "Controller scannt Projekte systematisch auf Bugs, 3 Worker-Stufen fixen "
                                        + "nach Prioritaet "
                                        + "(Crashes > Logik > Security > Robustheit)."),
                        tuple(
                                "software-entwicklung",
                                "4 links, loop, Software-Pipeline: Opus "
                                        + "Controller steuert 3 Worker-Stufen (Sonnet mechanisch, Opus mittel, Opus "
                                        + "Deep fuer "
                                        + "Projekte/Serien). ATI-Tasks und AUFGABEN.txt aus .SOFTWARE/ abarbeiten."));
    }

    @Test
    void controllerWorkerLoopReadsAsLlmautoRunsItAndItsPromptsResolve() {
        LoadedChain loaded = load("controller-worker-loop");
        ChainSpec spec = loaded.spec();
        assertThat(loaded.warnings()).isEmpty(); // only "_note" besides known keys
        assertThat(spec.mode()).isEqualTo(ChainMode.LOOP);
        assertThat(spec.maxRounds()).isEqualTo(20);
        assertThat(spec.runtimeHours()).isEqualTo(4);
        assertThat(spec.maxConsecutiveBlocks()).isEqualTo(3);
        assertThat(spec.links())
                .extracting(
                        LinkSpec::name, LinkSpec::role, LinkSpec::model, LinkSpec::continueSession, LinkSpec::untilFull)
                .containsExactly(
                        tuple("opus-controller", "controller", "claude-opus-4-6", true, false),
                        tuple("opus-worker", "worker", "claude-opus-4-6", false, true),
                        tuple("sonnet-worker", "worker", "claude-sonnet-4-6", false, true));
        assertThat(spec.prompts())
                .containsEntry("example_worker", new PromptSource.FromFile(Path.of("prompts/example_worker.txt")));

        resolver.check(spec);
        String worker = resolver.resolve(spec, spec.links().get(1), vars(spec.name()));
        assertThat(worker).isEqualTo(read("prompts/example_worker.txt") + PromptResolver.UNTIL_FULL_SUFFIX);
        String controller = resolver.resolve(spec, spec.links().getFirst(), vars(spec.name()));
        assertThat(controller).isEqualTo(read("prompts/example_controller.txt"));
    }

    @Test
    void forschungTodosDefaultsAreHonouredAndItsCustomKeyIsReportedOnce() {
        LoadedChain loaded = load("forschung-todos");
        ChainSpec spec = loaded.spec();
        assertThat(spec.defaults())
                .isEqualTo(new ChainDefaults(
                        null,
                        null,
                        Duration.ofHours(1),
                        "dontAsk",
                        List.of("Read", "Edit", "Write", "Bash", "Glob", "Grep")));
        assertThat(spec.unknownKeys()).containsExactly("opus_deep_limit");
        assertThat(loaded.warnings()).extracting(ConfigWarning::message).containsExactly("unknown key, ignored");
        assertThat(loaded.warnings().getFirst().location().field()).isEqualTo("opus_deep_limit");
        resolver.check(spec);
    }

    @Test
    void forschungKritikSchleifeKeepsItsRepeatedLinkAndResolvesItsInlinePromptsWithHome() {
        ChainSpec spec = load("forschung-kritik-schleife").spec();
        assertThat(spec.links()).hasSize(17);
        assertThat(spec.links())
                .filteredOn(link -> link.name().equals("r-scientist"))
                .extracting(LinkSpec::index)
                .containsExactly(1, 3, 16);
        assertThat(spec.links().get(16).telegramUpdate()).isTrue();
        assertThat(spec.deadline()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(spec.defaults().model()).isEqualTo("claude-opus-4-6");
        assertThat(spec.defaults().allowedTools()).contains("WebSearch", "WebFetch");
        assertThat(spec.telegram()).isEqualTo(new TelegramSettings(false, null, null, 0));
        assertThat(spec.unknownKeys()).isEmpty();

        LinkSpec buergerdividende = spec.links().get(4);
        assertThat(spec.prompts().get(buergerdividende.prompt())).isInstanceOf(PromptSource.Inline.class);
        String prompt = resolver.resolve(spec, buergerdividende, vars(spec.name()));
        assertThat(prompt)
                .startsWith("EINZELREVIEW: Buergerdividende LLM")
                .contains("Pfad: " + home + "\\OneDrive\\Forschung\\LLM\\PP-FULL__Buergerdividende LLM")
                .doesNotContain("{HOME}")
                .endsWith(PromptResolver.UNTIL_FULL_SUFFIX);
    }

    @Test
    void privatePromptFilesThatWereNeverPublishedAreFoundMissingBeforeAnythingRuns() {
        ChainSpec spec = load("forschung-kritik-schleife").spec();
        List<ChainFileException> problems = resolver.problems(spec);
        // 10 of the 17 links read prompts/_private/..., which llmauto's repository does not ship.
        assertThat(problems).hasSize(10);
        assertThat(problems.getFirst().getMessage())
                .isEqualTo(spec.file() + ":25:9: links[0].prompt: prompt "
                        + "\"forschung_k_sammelreview\" reads prompts/_private/forschung_k_sammelreview.txt, which "
                        + "does not exist ("
                        + project.resolve("prompts/_private/forschung_k_sammelreview.txt") + ")");
        assertThatThrownBy(() -> resolver.check(spec))
                .isInstanceOf(ChainFileException.class)
                .hasMessage(problems.getFirst().getMessage() + " (and 9 more prompt problems)")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(9));
    }

    @Test
    void theShippedTemplateLoadsButItsBarePromptKeysAreCaughtNotSentAsPrompts() throws IOException {
        Path template = project.resolve("templates/worker-reviewer-loop.json");
        LoadedChain loaded = ChainLoader.load(template, List.of(), home);
        assertThat(loaded.warnings()).isEmpty(); // task_pool and link descriptions are llmauto's ignored keys
        assertThat(loaded.spec().name()).isEqualTo("worker-reviewer-loop");
        assertThat(loaded.spec().links().get(1).telegramUpdate()).isTrue();

        assertThatThrownBy(() ->
                        resolver.resolve(loaded.spec(), loaded.spec().links().getFirst(), vars("t")))
                .isInstanceOf(ChainFileException.class)
                .hasMessageContaining("links[0].prompt: \"generic_worker\" is not a key of \"prompts\"");

        Files.writeString(project.resolve("prompts/generic_worker.txt"), "Work on the next task.");
        Files.writeString(project.resolve("prompts/generic_reviewer.txt"), "Review the last task.");
        resolver.check(loaded.spec());
    }

    private String read(String relative) {
        try {
            return Files.readString(project.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
