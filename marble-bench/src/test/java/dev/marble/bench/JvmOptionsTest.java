package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's java command taken apart, as MARBLE_PRINT_JAVA_COMMAND=1 prints it. */
class JvmOptionsTest {

    private static final List<String> SHORT = List.of(
            "/jdk/bin/java",
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:AOTCache=/m/marble-version.aot",
            "-Xlog:aot=off",
            "-Xlog:cds=off",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-jar",
            "/m/marble.jar",
            "--version");
    private static final List<String> LONG = List.of(
            "/jdk/bin/java",
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-XX:AOTCache=/m/marble-pipe.aot",
            "-Xlog:aot=off",
            "-Xlog:cds=off",
            "-jar",
            "/m/marble.jar",
            "chain",
            "start");

    @Test
    void theOptionsAShortCommandGetsAndALongOneDoesNotAreItsTuning() {
        JvmOptions jvm = JvmOptions.of(SHORT, LONG);
        assertThat(jvm.java()).isEqualTo("/jdk/bin/java");
        assertThat(jvm.launch()).containsExactly("-jar", "/m/marble.jar");
        assertThat(jvm.upgradedClasses()).isNull();
        assertThat(jvm.tuning()).containsExactly("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");
        assertThat(jvm.base()).containsExactly("-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");
        assertThat(jvm.aot()).isTrue();
        assertThat(jvm.cacheOutputOption()).isEqualTo("-XX:AOTCacheOutput");
        assertThat(jvm.describe())
                .isEqualTo("AOT cache; short commands also get -XX:TieredStopAtLevel=1 -XX:-UsePerfData");
    }

    @Test
    void theFloorGetsTheSameOptionsWithACacheOfItsOwn() {
        assertThat(JvmOptions.of(SHORT, LONG).withCache(Path.of("/f/floor.aot")))
                .containsExactly(
                        "-XX:+UseSerialGC",
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:AOTCache=/f/floor.aot",
                        "-Xlog:aot=off",
                        "-Xlog:cds=off",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData");
    }

    @Test
    void stepsAddTheCacheThenEachTuningOptionInTurn() {
        JvmOptions jvm = JvmOptions.of(SHORT, LONG);
        assertThat(jvm.stepNames())
                .containsExactly("no cache", "+ AOT cache", "+ -XX:TieredStopAtLevel=1", "+ -XX:-UsePerfData");
        List<List<String>> steps = jvm.steps();
        assertThat(steps.getFirst()).isEqualTo(jvm.base());
        assertThat(steps.get(1)).endsWith("-XX:AOTCache=/m/marble-version.aot", "-Xlog:aot=off", "-Xlog:cds=off");
        assertThat(steps.getLast()).containsExactlyInAnyOrderElementsOf(jvm.options());
    }

    @Test
    void upgradedOldClassesComeFirstOnTheClassPath() {
        List<String> shortCommand = List.of(
                "/jdk/bin/java",
                "-XX:+UseSerialGC",
                "-XX:AOTCache=/m/marble-version.aot",
                "-cp",
                "/m/upgraded-classes.jar:/m/marble.jar",
                "dev.marble.cli.Main",
                "--version");
        JvmOptions jvm = JvmOptions.of(shortCommand, shortCommand);
        assertThat(jvm.launch()).containsExactly("-cp", "/m/upgraded-classes.jar:/m/marble.jar", "dev.marble.cli.Main");
        assertThat(jvm.upgradedClasses()).isEqualTo("/m/upgraded-classes.jar");
        assertThat(jvm.options()).containsExactly("-XX:+UseSerialGC", "-XX:AOTCache=/m/marble-version.aot");
    }

    @Test
    void aCdsArchiveBeforeJdk25() {
        List<String> shortCommand = List.of(
                "/jdk/bin/java",
                "-XX:+UseSerialGC",
                "-XX:SharedArchiveFile=/m/marble.jsa",
                "-Xlog:cds=off",
                "-jar",
                "/m/marble.jar",
                "--version");
        JvmOptions jvm = JvmOptions.of(shortCommand, shortCommand);
        assertThat(jvm.aot()).isFalse();
        assertThat(jvm.cacheOutputOption()).isEqualTo("-XX:ArchiveClassesAtExit");
        assertThat(jvm.tuning()).isEmpty();
        assertThat(jvm.describe()).isEqualTo("CDS archive");
    }
}
