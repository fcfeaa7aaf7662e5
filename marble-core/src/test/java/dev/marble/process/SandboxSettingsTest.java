package dev.marble.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox} in marble.json and {@code --sandbox}: read, and turned into a sandbox or a located error. */
class SandboxSettingsTest {

    @TempDir
    Path temp;

    /** An environment whose PATH has no bwrap on it. */
    private Environment withoutBwrap() throws IOException {
        return new Environment(
                Map.of("PATH", "/nonexistent"),
                Files.createDirectories(temp.resolve("project")),
                Files.createDirectories(temp.resolve("home")));
    }

    private Path marbleJson(Environment environment, String text) throws IOException {
        return Files.writeString(environment.workingDirectory().resolve("marble.json"), text);
    }

    private SandboxSettings settings(Environment environment, SandboxMode flag) {
        return SandboxSettings.from(ConfigLoader.load(environment), environment, flag);
    }

    @Test
    void withoutConfigurationItIsAutoWithNoNetwork() throws IOException {
        SandboxSettings settings = settings(withoutBwrap(), null);
        assertThat(settings.mode().value()).isEqualTo(SandboxMode.AUTO);
        assertThat(settings.mode().source()).isEqualTo("default");
        assertThat(settings.network().value()).isEqualTo(NetworkAccess.NONE);
        assertThat(settings.hide()).isEmpty();
    }

    @Test
    void readsTheShortAndTheFullFormAndTheFlagWinsOverBoth() throws IOException {
        Environment environment = withoutBwrap();
        Path file = marbleJson(environment, "{\n  \"sandbox\": \"off\"\n}\n");
        SandboxSettings short_ = settings(environment, null);
        assertThat(short_.mode().value()).isEqualTo(SandboxMode.OFF);
        assertThat(short_.mode().source()).isEqualTo("project config " + file + ":2");

        marbleJson(environment, """
                {"sandbox": {"mode": "bwrap", "network": "loopback", "hide": ["~/notes/keys.txt", "/srv/secrets"]}}""");
        SandboxSettings full = settings(environment, null);
        assertThat(full.mode().value()).isEqualTo(SandboxMode.BWRAP);
        assertThat(full.network().value()).isEqualTo(NetworkAccess.LOOPBACK);
        assertThat(full.hide()).containsExactly(environment.home().resolve("notes/keys.txt"), Path.of("/srv/secrets"));

        SandboxSettings flagged = settings(environment, SandboxMode.OFF);
        assertThat(flagged.mode().value()).isEqualTo(SandboxMode.OFF);
        assertThat(flagged.mode().source()).isEqualTo("--sandbox");
    }

    @Test
    void aWrongValueIsALocatedError() throws IOException {
        Environment environment = withoutBwrap();
        Path file = marbleJson(environment, "{\n  \"sandbox\": \"maybe\"\n}\n");
        assertThatThrownBy(() -> ConfigLoader.load(environment))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2:14: sandbox: expected one of auto, bwrap, off, or an object, got \"maybe\"");

        marbleJson(environment, "{\"sandbox\": {\"hide\": [\"relative/path\"]}}");
        assertThatThrownBy(() -> settings(environment, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"relative/path\" is neither absolute nor starts with ~/");
    }

    @Test
    void aHostListIsRefusedRatherThanWidenedOrNarrowed() throws IOException {
        Environment environment = withoutBwrap();
        Path file = marbleJson(environment, "{\"sandbox\": {\n  \"network\": [\"pypi.org\"]\n}}\n");
        assertThatThrownBy(() -> settings(environment, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2:14: sandbox.network: a list of hosts is not supported yet");
    }

    @Test
    void autoWithoutBwrapRunsCommandsUnconfinedAndSaysSoOnce() throws IOException {
        Environment environment = withoutBwrap();
        List<String> notices = new ArrayList<>();
        Sandbox sandbox = SandboxChooser.choose(settings(environment, null), environment, null, notices::add);

        assertThat(sandbox).isEqualTo(new Sandbox.None("bwrap is not on PATH"));
        assertThat(notices)
                .singleElement()
                .asString()
                .startsWith("note: shell commands are not sandboxed: bwrap is not on PATH.");
    }

    @Test
    void offIsOffWithoutANotice() throws IOException {
        Environment environment = withoutBwrap();
        List<String> notices = new ArrayList<>();
        Sandbox sandbox =
                SandboxChooser.choose(settings(environment, SandboxMode.OFF), environment, null, notices::add);
        assertThat(sandbox.active()).isFalse();
        assertThat(sandbox.describe()).isEqualTo("not sandboxed: sandbox is off (--sandbox)");
        assertThat(notices).isEmpty();
    }

    @Test
    void bwrapAskedForAndMissingIsAnErrorNotADowngrade() throws IOException {
        Environment environment = withoutBwrap();
        assertThatThrownBy(() ->
                        SandboxChooser.choose(settings(environment, SandboxMode.BWRAP), environment, null, n -> {}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--sandbox bwrap: bwrap is not on PATH; install bubblewrap (Debian: apt-get install"
                        + " bubblewrap), or choose auto or off");

        Path file = marbleJson(environment, "{\"sandbox\": \"bwrap\"}");
        assertThatThrownBy(() -> SandboxChooser.choose(settings(environment, null), environment, null, n -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1:13: sandbox: bubblewrap cannot run here: bwrap is not on PATH");
    }

    @Test
    void aBwrapThatCannotRunIsReportedInItsOwnWords() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path fake = Files.writeString(
                bin.resolve("bwrap"), "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        Environment environment = new Environment(Map.of("PATH", bin.toString()), temp, temp);
        assertThat(SandboxChooser.problem(environment))
                .hasValue(fake + " does not work here: a trial run failed:"
                        + " bwrap: No permissions to create new namespace");
    }
}
