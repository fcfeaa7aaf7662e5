package dev.marble.cli;

import dev.marble.chain.state.StateDir;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions of {@code marble chain create}: llmauto's wizard's (SEEDS-SPEC 1.14), in its order, with its
 * defaults, in English, so answers piped in for llmauto's wizard give the same chain. Two questions are left out
 * because Marble cannot honour the answers: the stop criterion (a chain always stops on ALL_DONE, and a custom
 * handoff text was never acted on) and the after-agent (Marble cannot run one). Nothing is written here.
 */
final class ChainWizard {

    /** Checks a model typed as "other": a reason when Marble cannot resolve it. */
    @FunctionalInterface
    interface ModelCheck {
        Optional<String> problem(String model);
    }

    record ModelOption(String id, String label) {}

    /** llmauto's three, and Marble's any provider. */
    static final List<ModelOption> MODELS = List.of(
            new ModelOption("claude-sonnet-4-6", "Sonnet (fast, cheaper)"),
            new ModelOption("claude-opus-4-6", "Opus (strongest, dearer)"),
            new ModelOption("claude-haiku-4-5-20251001", "Haiku (fastest)"));

    static final String OTHER = "other";
    static final List<String> ROLES = List.of("worker", "reviewer", "controller");

    private final WizardInput in;
    private final DraftPrompts prompts;
    private final ModelCheck models;

    ChainWizard(WizardInput in, DraftPrompts prompts, ModelCheck models) {
        this.in = in;
        this.prompts = prompts;
        this.models = models;
    }

    ChainDraft run() {
        in.say("");
        in.say("  ===================================================");
        in.say("   Marble chain creator");
        in.say("  ===================================================");
        in.say("");
        String name = in.ask("Chain name (e.g. my-project)", "new-chain", ChainWizard::chainName);
        String description = in.text("Description", "");

        in.say("");
        in.say("  --- Mode ---");
        in.say("    [1] once -- every link runs once");
        in.say("    [2] loop -- the links repeat until a time or round limit");
        boolean loop = in.choice(
                "Mode", "2", Map.of("1", false, "once", false, "2", true, "loop", true), "1 (once) or 2 (loop)");

        int maxRounds = 1;
        BigDecimal runtimeHours;
        Integer maxBlocks = null;
        if (loop) {
            in.say("");
            in.say("  --- Loop limits ---");
            maxRounds = in.wholeNumber("Max rounds (0 = unlimited)", 20, 0);
            runtimeHours = in.ask("Runtime in hours (0 = unlimited)", "3", WizardInput::hours);
            // 1 at least: llmauto stops at once on 0, Marble reads 0 as no limit; the file must mean one thing.
            maxBlocks = in.wholeNumber("Max consecutive BLOCKED lines in the handoff before stopping", 3, 1);
            in.say("  The chain also stops when an agent writes ALL_DONE to state/" + name + "/status.txt.");
        } else {
            runtimeHours = in.ask("Max runtime in hours (0 = unlimited)", "2", WizardInput::hours);
        }

        in.say("");
        in.say("  --- Prompts ---");
        in.say("    [1] one prompt for ALL links (same task)");
        in.say("    [2] one prompt per link (different tasks)");
        boolean shared = in.choice("Prompt mode", "1", Map.of("1", true, "2", false), "1 (shared) or 2 (per link)");
        String sharedKey = shared ? sharedPrompt(name) : null;

        in.say("");
        in.say("  --- Links ---");
        int count = in.wholeNumber("Number of links", 2, 1);
        List<ChainDraft.Link> links = new ArrayList<>();
        for (int i = 1; i <= count; i++) links.add(link(name, i, count, sharedKey));

        return new ChainDraft(
                name,
                description,
                loop,
                maxRounds,
                runtimeHours,
                maxBlocks,
                links,
                prompts.entries(),
                prompts.templates());
    }

    /** The one prompt of every link: a template, or typed text under a name the person picks. */
    private String sharedPrompt(String chain) {
        in.say("");
        List<SavedPrompts.Saved> saved = SavedPrompts.list(prompts);
        if (!saved.isEmpty()) {
            in.say("  Saved templates:");
            for (int i = 0; i < saved.size(); i++)
                in.say("    [" + (i + 1) + "] " + saved.get(i).shown());
            in.say("    [0] type a new prompt");
            Optional<String> key = template("Choose a template, or 0 for a new prompt", saved);
            if (key.isPresent()) return key.get();
            in.say("");
        }
        String text = in.lines("Enter the prompt:");
        String wanted = in.ask("Prompt name (for reference)", chain + "_prompt", ChainWizard::promptKey);
        String key = add(wanted, text);
        if (in.yesNo("Save the prompt as a template?", true))
            prompts.saveAsTemplate(key, text).ifPresent(this::note);
        return key;
    }

    private ChainDraft.Link link(String chain, int i, int count, String sharedKey) {
        in.say("");
        in.say("  --- Link " + i + "/" + count + " ---");
        String name = in.ask("Name", "link-" + i, ChainWizard::linkName);
        in.say("  Role:");
        in.say("    [1] worker    [2] reviewer    [3] controller");
        Map<String, String> roles = new LinkedHashMap<>();
        for (int r = 0; r < ROLES.size(); r++) {
            roles.put(Integer.toString(r + 1), ROLES.get(r));
            roles.put(ROLES.get(r), ROLES.get(r));
        }
        String role = in.choice("Role", "1", roles, "1 (worker), 2 (reviewer) or 3 (controller)");
        String model = model();
        String description = in.text("Description (short)", role + " link " + i);
        String prompt = sharedKey != null ? sharedKey : ownPrompt(chain, name);
        return new ChainDraft.Link(name, role, model, description, prompt);
    }

    private String model() {
        in.say("");
        in.say("  Model:");
        Map<String, String> choices = new LinkedHashMap<>();
        for (int m = 0; m < MODELS.size(); m++) {
            ModelOption option = MODELS.get(m);
            in.say(String.format("    [%d] %-27s %s", m + 1, option.id(), option.label()));
            choices.put(Integer.toString(m + 1), option.id());
            choices.put(option.id(), option.id());
        }
        String other = Integer.toString(MODELS.size() + 1);
        in.say("    [" + other + "] other (type provider:model)");
        choices.put(other, OTHER);
        choices.put(OTHER, OTHER);
        String chosen = in.choice("Choice", "1", choices, "a number from 1 to " + other);
        if (!chosen.equals(OTHER)) return chosen;
        return in.ask("Model (provider:model)", "", answer -> {
            if (answer.isBlank()) throw new WizardInput.Invalid("expected provider:model, such as ollama:qwen3:8b");
            Optional<String> problem = models.problem(answer);
            if (problem.isPresent()) throw new WizardInput.Invalid(problem.get());
            return answer;
        });
    }

    /** A link's own prompt: a template, or typed text under the key {@code <chain>_<link>}. */
    private String ownPrompt(String chain, String link) {
        in.say("");
        List<SavedPrompts.Saved> saved = SavedPrompts.list(prompts);
        if (!saved.isEmpty()) {
            in.say("  Prompt for '" + link + "':");
            in.say("    [0] type a new prompt");
            for (int i = 0; i < saved.size(); i++)
                in.say("    [" + (i + 1) + "] template: " + saved.get(i).shown());
            Optional<String> key = template("Choice", saved);
            if (key.isPresent()) return key.get();
        }
        String text = in.lines("Prompt for '" + link + "':");
        String key = add(chain + "_" + link, text);
        if (in.yesNo("Save the prompt as a template?", false))
            prompts.saveAsTemplate(key, text).ifPresent(this::note);
        return key;
    }

    /** A template's key, or empty for 0 (a new prompt). */
    private Optional<String> template(String question, List<SavedPrompts.Saved> saved) {
        return in.ask(question, "0", answer -> {
            int index;
            try {
                index = WizardInput.wholeNumber(answer, 0);
            } catch (WizardInput.Invalid e) {
                index = -1;
            }
            if (index < 0 || index > saved.size()) {
                throw new WizardInput.Invalid(
                        "expected a number from 0 to " + saved.size() + ", got \"" + answer + "\"");
            }
            if (index == 0) return Optional.<String>empty();
            SavedPrompts.Saved template = saved.get(index - 1);
            String key = add(template.key(), template.text());
            in.say("  Template loaded: " + template.shown());
            return Optional.of(key);
        });
    }

    private String add(String wanted, String text) {
        String key = prompts.add(wanted, text);
        if (!key.equals(wanted)) {
            note("prompts/" + wanted + ".txt already holds other text; this prompt becomes prompts/" + key + ".txt");
        }
        return key;
    }

    private void note(String text) {
        in.say("  Note: " + text);
    }

    static String chainName(String answer) throws WizardInput.Invalid {
        fileName(answer, "chain name");
        if (answer.endsWith(".json")) {
            throw new WizardInput.Invalid(
                    "expected the chain name without .json (it names chains/<name>.json), got \"" + answer + "\"");
        }
        return answer;
    }

    static String promptKey(String answer) throws WizardInput.Invalid {
        return fileName(answer, "prompt name");
    }

    static String linkName(String answer) throws WizardInput.Invalid {
        plain(answer, "link name");
        if (!StateDir.isSafeName(answer)) {
            throw new WizardInput.Invalid("expected a link name usable in file names (not blank, no / or \\, "
                    + "not . or ..), got \"" + answer + "\"");
        }
        return answer;
    }

    /** Names are plain printable text: a byte order mark or U+FFFD in chains/NAME.json would make a name no one can
     * type. */
    private static void plain(String answer, String what) throws WizardInput.Invalid {
        if (!PlainText.isPlain(answer)) {
            throw new WizardInput.Invalid("expected a " + what
                    + " of plain printable characters (no byte order mark, U+FFFD,"
                    + " control or invisible formatting characters), got \"" + PlainText.visible(answer) + "\"");
        }
    }

    /**
     * A name that becomes a file name: safe for the state directory, and not starting with . (chain commands take
     * such a name for a path) or _ (a prompt key starting with _ is a comment to llmauto and Marble alike).
     */
    private static String fileName(String answer, String what) throws WizardInput.Invalid {
        plain(answer, what);
        if (!StateDir.isSafeName(answer) || answer.startsWith(".") || answer.startsWith("_")) {
            throw new WizardInput.Invalid("expected a " + what + " usable as a file name (not blank, no / or \\, "
                    + "not starting with . or _), got \"" + answer + "\"");
        }
        return answer;
    }
}
