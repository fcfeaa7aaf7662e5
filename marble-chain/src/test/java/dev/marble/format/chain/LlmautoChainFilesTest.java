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

/**
 * Chain files of llmauto's shapes (every key, mode, prompt form and template variable its shipped chains use),
 * written for Marble, load and resolve as llmauto reads them (SEEDS-SPEC 1.5–1.7).
 */
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
    void everyChainLoadsAndListsWithItsSummary() {
        assertThat(new ChainCatalog(project).list())
                .extracting(ChainCatalog.Entry::name, ChainCatalog.Entry::summary)
                .containsExactly(
                        tuple(
                                "einzel-durchsicht",
                                "1 link, once, One pass: a single Opus reviewer reads a set of files and writes one "
                                        + "report with a verdict per file."),
                        tuple(
                                "garten-todos",
                                "4 links, loop, Garten-TODOs: Opus Leiter verteilt an 3 Arbeiter-Stufen (Sonnet "
                                        + "einfach, Opus mittel, Opus Tief fuer ganze Beete). GARTENBUCH.md als "
                                        + "Aufgabenquelle."),
                        tuple(
                                "gutachten-nachlauf",
                                "3 links, once, Nachlauf: drei ausstehende Einzelgutachten (Gezeiten, Mauersegler, "
                                        + "Lehmbau) nach der Gutachten-Schleife"),
                        tuple(
                                "gutachten-schleife",
                                "9 links, once, Gutachten-Schleife: K1->R->K2->R->4x K-einzeln->R-final fuer vier "
                                        + "Naturkunde-Hefte (Opus)"),
                        tuple(
                                "leiter-arbeiter-schleife",
                                "3 links, loop, Lead/worker loop with the skip pattern: an Opus lead hands each task "
                                        + "to the Opus or the Sonnet worker, by size."),
                        tuple(
                                "werkstatt-fehlerjagd",
                                "3 links, loop, Fehlerjagd: Opus Leiter durchsucht die Werkstatt-Skripte, 2 "
                                        + "Arbeiter-Stufen beheben nach Dringlichkeit (Absturz > Logik > "
                                        + "Robustheit)."));
    }

    @Test
    void leadWorkerLoopReadsAsLlmautoRunsItAndItsPromptsResolve() {
        LoadedChain loaded = load("leiter-arbeiter-schleife");
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
                        tuple("opus-leiter", "controller", "claude-opus-4-6", true, false),
                        tuple("opus-arbeiter", "worker", "claude-opus-4-6", false, true),
                        tuple("sonnet-arbeiter", "worker", "claude-sonnet-4-6", false, true));
        assertThat(spec.prompts())
                .containsEntry(
                        "beispiel_arbeiter", new PromptSource.FromFile(Path.of("prompts/beispiel_arbeiter.txt")));

        resolver.check(spec);
        String worker = resolver.resolve(spec, spec.links().get(1), vars(spec.name()));
        assertThat(worker).isEqualTo(read("prompts/beispiel_arbeiter.txt") + PromptResolver.UNTIL_FULL_SUFFIX);
        String lead = resolver.resolve(spec, spec.links().getFirst(), vars(spec.name()));
        assertThat(lead).isEqualTo(read("prompts/beispiel_leiter.txt"));
    }

    @Test
    void chainDefaultsAreHonouredAndACustomKeyIsReportedOnce() {
        for (String name : List.of("garten-todos", "werkstatt-fehlerjagd")) {
            LoadedChain loaded = load(name);
            ChainSpec spec = loaded.spec();
            assertThat(spec.defaults())
                    .as(name)
                    .isEqualTo(new ChainDefaults(
                            null,
                            null,
                            Duration.ofHours(1),
                            "dontAsk",
                            List.of("Read", "Edit", "Write", "Bash", "Glob", "Grep")));
            // "_comment_..." keys are llmauto's comments, not reported
            assertThat(spec.unknownKeys()).as(name).containsExactly("opus_deep_limit");
            assertThat(loaded.warnings()).extracting(ConfigWarning::message).containsExactly("unknown key, ignored");
            assertThat(loaded.warnings().getFirst().location().field()).isEqualTo("opus_deep_limit");
            resolver.check(spec);
        }
    }

    @Test
    void theReviewLoopKeepsItsRepeatedLinkAndResolvesItsInlinePromptsWithHome() {
        ChainSpec spec = load("gutachten-schleife").spec();
        assertThat(spec.links()).hasSize(9);
        assertThat(spec.links())
                .filteredOn(link -> link.name().equals("r-autorin"))
                .extracting(LinkSpec::index)
                .containsExactly(1, 3, 8);
        assertThat(spec.links().get(8).telegramUpdate()).isTrue();
        assertThat(spec.deadline()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(spec.defaults().model()).isEqualTo("claude-opus-4-6");
        assertThat(spec.defaults().allowedTools()).contains("WebSearch", "WebFetch");
        assertThat(spec.telegram()).isEqualTo(new TelegramSettings(false, null, null, 0));
        assertThat(spec.unknownKeys()).isEmpty();

        LinkSpec gezeiten = spec.links().get(4);
        assertThat(spec.prompts().get(gezeiten.prompt())).isInstanceOf(PromptSource.Inline.class);
        String prompt = resolver.resolve(spec, gezeiten, vars(spec.name()));
        assertThat(prompt)
                .startsWith("EINZELGUTACHTEN: Gezeiten im Wattenmeer")
                .contains("Pfad: " + home + "\\Hefte\\Meer\\ENTWURF__Gezeiten")
                .doesNotContain("{HOME}")
                .endsWith(PromptResolver.UNTIL_FULL_SUFFIX);
    }

    @Test
    void privatePromptFilesThatAreNotThereAreFoundMissingBeforeAnythingRuns() {
        ChainSpec spec = load("gutachten-schleife").spec();
        List<ChainFileException> problems = resolver.problems(spec);
        // 7 of the 9 links read prompts/_private/..., which a shared project leaves out.
        assertThat(problems).hasSize(7);
        assertThat(problems.getFirst().getMessage())
                .isEqualTo(spec.file() + ":25:9: links[0].prompt: prompt "
                        + "\"gutachten_k_gesamt\" reads prompts/_private/gutachten_k_gesamt.txt, which "
                        + "does not exist ("
                        + project.resolve("prompts/_private/gutachten_k_gesamt.txt") + ")");
        assertThatThrownBy(() -> resolver.check(spec))
                .isInstanceOf(ChainFileException.class)
                .hasMessage(problems.getFirst().getMessage() + " (and 6 more prompt problems)")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(6));
        assertThat(resolver.problems(load("gutachten-nachlauf").spec())).hasSize(3);
    }

    @Test
    void theTemplateLoadsButItsBarePromptKeysAreCaughtNotSentAsPrompts() throws IOException {
        Path template = project.resolve("templates/arbeiter-pruefer-schleife.json");
        LoadedChain loaded = ChainLoader.load(template, List.of(), home);
        assertThat(loaded.warnings()).isEmpty(); // task_pool and link descriptions are llmauto's ignored keys
        assertThat(loaded.spec().name()).isEqualTo("arbeiter-pruefer-schleife");
        assertThat(loaded.spec().links().get(1).telegramUpdate()).isTrue();

        assertThatThrownBy(() ->
                        resolver.resolve(loaded.spec(), loaded.spec().links().getFirst(), vars("t")))
                .isInstanceOf(ChainFileException.class)
                .hasMessageContaining("links[0].prompt: \"allgemein_arbeiter\" is not a key of \"prompts\"");

        Files.writeString(project.resolve("prompts/allgemein_arbeiter.txt"), "Work on the next task.");
        Files.writeString(project.resolve("prompts/allgemein_pruefer.txt"), "Review the last task.");
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
