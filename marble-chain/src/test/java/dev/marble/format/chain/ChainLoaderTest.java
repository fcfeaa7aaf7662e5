package dev.marble.format.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.ChainDefaults;
import dev.marble.chain.ChainMode;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.PromptSource;
import dev.marble.chain.TelegramSettings;
import dev.marble.chain.WebhookSettings;
import dev.marble.config.ConfigWarning;
import dev.marble.error.SourceLocation;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainLoaderTest {

    @TempDir
    Path temp;

    private Path write(String name, String json) throws IOException {
        Path chains = Files.createDirectories(temp.resolve("chains"));
        return Files.writeString(chains.resolve(name + ".json"), json);
    }

    private LoadedChain load(String json) throws IOException {
        return ChainLoader.load(write("demo", json), List.of(), temp.resolve("home"));
    }

    @Test
    void aChainWithOnlyLinksGetsLlmautosDefaultsAndMarblesOwn() throws IOException {
        LoadedChain loaded = load("{\"links\": [{}]}");
        ChainSpec spec = loaded.spec();

        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.file()).isEqualTo(temp.resolve("chains/demo.json").toAbsolutePath());
        assertThat(spec.description()).isEmpty();
        assertThat(spec.mode()).isEqualTo(ChainMode.LOOP);
        assertThat(spec.maxRounds()).isEqualTo(100);
        assertThat(spec.runtimeHours()).isZero();
        assertThat(spec.deadline()).isNull();
        assertThat(spec.maxConsecutiveBlocks()).isEqualTo(5);
        assertThat(spec.maxConsecutiveFailures()).isEqualTo(3);
        assertThat(spec.pauseBetweenLinks()).isEqualTo(Duration.ZERO);
        assertThat(spec.skipProtection()).isTrue();
        assertThat(spec.budgetUsd()).isNull();
        assertThat(spec.defaults()).isEqualTo(ChainDefaults.NONE);
        assertThat(spec.prompts()).isEmpty();
        assertThat(spec.telegram()).isNull();
        assertThat(spec.webhook()).isNull();
        assertThat(spec.unknownKeys()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();

        LinkSpec link = spec.links().getFirst();
        assertThat(link.index()).isZero();
        assertThat(link.name()).isEqualTo("link-1");
        assertThat(link.role()).isEqualTo("worker");
        assertThat(link.model()).isNull();
        assertThat(link.fallbackModel()).isNull();
        assertThat(link.prompt()).isEmpty();
        assertThat(link.continueSession()).isFalse();
        assertThat(link.untilFull()).isFalse();
        assertThat(link.telegramUpdate()).isFalse();
        assertThat(link.skipUnlessAssigned()).isFalse();
        assertThat(link.tools()).isNull();
        assertThat(link.budgetUsd()).isNull();
        assertThat(link.timeout()).isNull();
        assertThat(link.location()).isEqualTo(new SourceLocation(spec.file(), 1, 12, "links[0]"));
    }

    @Test
    void everyChainKeyIsRead() throws IOException {
        ChainSpec spec = load("""
                {
                  "description": "worker and reviewer",
                  "mode": "once",
                  "max_rounds": 7,
                  "runtime_hours": 2.5,
                  "deadline": "2026-03-15",
                  "max_consecutive_blocks": 2,
                  "max_consecutive_failures": 4,
                  "pause_seconds": 1.5,
                  "skip_protection": false,
                  "budget_usd": 12.34,
                  "defaults": {"model": "claude-opus-4-6", "fallback_model": "claude-sonnet-4-6",
                               "timeout_seconds": 3600, "permission_mode": "acceptEdits",
                               "allowed_tools": ["Read", "WebSearch"]},
                  "telegram": {"enabled": true, "bot_token_env": "BACH_TELEGRAM_BOT_TOKEN", "chat_id": 595767047,
                               "update_every_n_links": 4},
                  "webhook": {"url": "https://hooks.example.test/chain", "headers": {"X-Team": "research"}},
                  "links": [{"name": "w"}, {"name": "r"}]
                }""").spec();

        assertThat(spec.description()).isEqualTo("worker and reviewer");
        assertThat(spec.mode()).isEqualTo(ChainMode.ONCE);
        assertThat(spec.maxRounds()).isEqualTo(7);
        assertThat(spec.runtimeHours()).isEqualTo(2.5);
        assertThat(spec.deadline()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(spec.maxConsecutiveBlocks()).isEqualTo(2);
        assertThat(spec.maxConsecutiveFailures()).isEqualTo(4);
        assertThat(spec.pauseBetweenLinks()).isEqualTo(Duration.ofMillis(1500));
        assertThat(spec.skipProtection()).isFalse();
        assertThat(spec.budgetUsd()).isEqualByComparingTo(new BigDecimal("12.34"));
        assertThat(spec.defaults())
                .isEqualTo(new ChainDefaults(
                        "claude-opus-4-6",
                        "claude-sonnet-4-6",
                        Duration.ofHours(1),
                        "acceptEdits",
                        List.of("Read", "WebSearch")));
        assertThat(spec.telegram()).isEqualTo(new TelegramSettings(true, "BACH_TELEGRAM_BOT_TOKEN", "595767047", 4));
        assertThat(spec.webhook())
                .isEqualTo(new WebhookSettings(
                        URI.create("https://hooks.example.test/chain"), Map.of("X-Team", "research")));
        assertThat(spec.links()).extracting(LinkSpec::name).containsExactly("w", "r");
        assertThat(spec.links()).extracting(LinkSpec::index).containsExactly(0, 1);
    }

    @Test
    void everyLinkKeyIsRead() throws IOException {
        LinkSpec link = load("""
                {"links": [
                  {"name": "opus-worker", "role": "reviewer", "model": "claude-opus-4-6",
                   "fallback_model": "claude-sonnet-4-6", "prompt": "worker_prompt", "continue": true,
                   "until_full": true, "telegram_update": true, "skip_unless_assigned": true,
                   "tools": ["read_file", "run_command"], "budget_usd": 0.5, "timeout_seconds": 90}
                ]}""").spec().links().getFirst();

        assertThat(link)
                .isEqualTo(new LinkSpec(
                        0,
                        "opus-worker",
                        "reviewer",
                        "claude-opus-4-6",
                        "claude-sonnet-4-6",
                        "worker_prompt",
                        true,
                        true,
                        true,
                        true,
                        List.of("read_file", "run_command"),
                        new BigDecimal("0.5"),
                        Duration.ofSeconds(90),
                        link.location()));
        assertThat(link.location().line()).isEqualTo(2);
    }

    @Test
    void deadendIsItsOwnModeAndEndsAfterOnePassLikeOnce() throws IOException {
        ChainSpec spec = load("{\"mode\": \"deadend\", \"links\": [{}]}").spec();
        assertThat(spec.mode()).isEqualTo(ChainMode.DEADEND);
        assertThat(spec.mode().singlePass()).isTrue();
        assertThat(ChainMode.LOOP.singlePass()).isFalse();
    }

    @Test
    void nullAndBlankValuesCountAsAbsentAsInLlmauto() throws IOException {
        ChainSpec spec = load("""
                {"mode": null, "deadline": "", "defaults": {"model": "", "fallback_model": null},
                 "links": [{"model": "", "fallback_model": null, "name": null}]}""").spec();
        assertThat(spec.mode()).isEqualTo(ChainMode.LOOP);
        assertThat(spec.deadline()).isNull();
        assertThat(spec.defaults()).isEqualTo(ChainDefaults.NONE);
        assertThat(spec.links().getFirst().model()).isNull();
        assertThat(spec.links().getFirst().fallbackModel()).isNull();
        assertThat(spec.links().getFirst().name()).isEqualTo("link-1");
    }

    @Test
    void aDeadlineWithATimeCountsByItsDateAsPythonsFromisoformatDid() throws IOException {
        assertThat(load("{\"deadline\": \"2026-03-15T18:30\", \"links\": [{}]}")
                        .spec()
                        .deadline())
                .isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(load("{\"deadline\": \"2026-03-15T18:30:00+02:00\", \"links\": [{}]}")
                        .spec()
                        .deadline())
                .isEqualTo(LocalDate.of(2026, 3, 15));
    }

    @Test
    void linksMayShareANameToContinueOneSession() throws IOException {
        ChainSpec spec =
                load("{\"links\": [{\"name\": \"r\", \"continue\": true}, {}, {\"name\": \"r\", \"continue\": true}]}")
                        .spec();
        assertThat(spec.links()).extracting(LinkSpec::name).containsExactly("r", "link-2", "r");
    }

    @Test
    void prompsOfEveryKindAreReadInFileOrder() throws IOException {
        ChainSpec spec = load("""
                {"links": [{}],
                 "prompts": {
                   "plain": "Do the work.",
                   "inline": {"type": "inline", "content": "Review it.", "description": "for reviewers"},
                   "file": {"type": "file", "path": "prompts/worker.txt"},
                   "template": {"type": "template", "template": "Read {{task_file}}", "task_file": "TODO.md",
                                "limit": 3, "strict": true, "variables": {"extra": "x"}},
                   "_comment": "ignored"
                 }}""").spec();
        assertThat(spec.prompts())
                .containsExactly(
                        Map.entry("plain", new PromptSource.Inline("Do the work.")),
                        Map.entry("inline", new PromptSource.Inline("Review it.")),
                        Map.entry("file", new PromptSource.FromFile(Path.of("prompts/worker.txt"))),
                        Map.entry(
                                "template",
                                new PromptSource.Template(
                                        "Read {{task_file}}",
                                        Map.of("task_file", "TODO.md", "limit", "3", "strict", "true", "extra", "x"))));
        assertThat(spec.unknownKeys()).isEmpty();
    }

    @Test
    void keysLlmautoDocumentsButIgnoresAreAcceptedSilently() throws IOException {
        LoadedChain loaded = load("""
                {"chain_name": "other", "version": "1.0", "task_pools": {"p": {"type": "file", "path": "x"}},
                 "stop_criterion": "ALL_DONE", "after_agent": {"name": "a", "trigger": "loop_complete"},
                 "shutdown": {"max_consecutive_blocks": 5, "stop_file": "state/STOP"},
                 "_note": "n", "_comment_limit": "c", "_created": "2026-02-01", "_creator": "wizard",
                 "links": [{"description": "works", "task_pool": "p", "_note": "x"}]}""");
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.spec().unknownKeys()).isEmpty();
        assertThat(loaded.spec().name()).isEqualTo("demo");
    }

    @Test
    void unknownKeysAreKeptAndReportedInOneWarningWithSuggestions() throws IOException {
        LoadedChain loaded = load("""
                {
                  "opus_deep_limit": 1,
                  "links": [
                    {"modell": "claude-opus-4-6"}
                  ],
                  "defaults": {"timeout": 60},
                  "prompts": {"p": {"type": "file", "path": "x.txt", "encoding": "utf-8"}}
                }""");
        assertThat(loaded.spec().unknownKeys())
                .containsExactly("opus_deep_limit", "links[0].modell", "defaults.timeout", "prompts.p.encoding");
        assertThat(loaded.warnings()).hasSize(1);
        ConfigWarning warning = loaded.warnings().getFirst();
        assertThat(warning.toString())
                .isEqualTo(loaded.spec().file() + ":2:3: 4 unknown keys, ignored: "
                        + "opus_deep_limit (line 2), links[0].modell (line 4, did you mean \"model\"?), "
                        + "defaults.timeout (line 6), prompts.p.encoding (line 7)");
    }

    @Test
    void aSingleUnknownKeyIsReportedAtItsKey() throws IOException {
        LoadedChain loaded = load("{\"links\": [{}],\n \"mdoe\": \"once\"}");
        assertThat(loaded.warnings())
                .extracting(ConfigWarning::toString)
                .containsExactly(loaded.spec().file() + ":2:2: mdoe: unknown key, ignored (did you mean \"mode\"?)");
    }

    @Test
    void knownUserHomesInEveryStringBecomeThisMachinesHome() throws IOException {
        Path home = temp.resolve("home");
        String actual = home + File.separator;
        Path file = write("paths", """
                {"description": "C:\\\\Users\\\\User\\\\OneDrive and D:\\\\Users\\\\lukas\\\\x",
                 "links": [{"prompt": "C:\\\\Users\\\\User\\\\prompts\\\\w.txt"}],
                 "prompts": {"k": {"type": "file", "path": "D:\\\\Users\\\\lukas\\\\k.txt"},
                             "C:\\\\Users\\\\User\\\\key": "keys are left alone"}}""");
        ChainSpec spec =
                ChainLoader.load(file, List.of("D:\\Users\\lukas\\", ""), home).spec();

        assertThat(spec.description()).isEqualTo(actual + "OneDrive and " + actual + "x");
        assertThat(spec.links().getFirst().prompt()).isEqualTo(actual + "prompts\\w.txt");
        assertThat(spec.prompts().get("k")).isEqualTo(new PromptSource.FromFile(Path.of(actual + "k.txt")));
        assertThat(spec.prompts()).containsKey("C:\\Users\\User\\key");
    }

    @Test
    void withoutExtraHomesOnlyTheBuiltInPrefixIsRewritten() throws IOException {
        Path home = temp.resolve("home");
        ChainSpec spec = ChainLoader.load(write("paths", """
                {"description": "C:\\\\Users\\\\User\\\\a D:\\\\Users\\\\lukas\\\\b", "links": [{}]}"""), List.of(), home).spec();
        assertThat(spec.description()).isEqualTo(home + File.separator + "a D:\\Users\\lukas\\b");
    }
}
