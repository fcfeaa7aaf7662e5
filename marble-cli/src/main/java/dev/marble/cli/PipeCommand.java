package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.cli.Verbosity.Detail;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.UsageException;
import dev.marble.event.Ids;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code marble pipe}: one model call, no tools; llmauto's {@code pipe} with its flags, plus a
 * system prompt, JSON output, streaming, retries and fallbacks. The answer goes to standard
 * output and nothing else does, so it can be piped on.
 */
@Command(
        name = "pipe",
        description = {
            "One model call: the prompt in, the answer out (llmauto pipe).",
            "The prompt is PROMPT words, else the file given with -f, else standard input."
        },
        footer = {
            "  marble pipe \"Name three rivers\"",
            "  marble pipe -m haiku -s \"Answer in French\" \"Good morning\"",
            "  git diff | marble pipe -m sonnet \"Review this diff\"",
            "  marble pipe --json -m scripted:examples/hello/replies.yaml \"Say hello\""
        })
final class PipeCommand implements Callable<Integer> {

    static final String LABEL = "[marble pipe]";

    private final CliContext context;

    @Parameters(paramLabel = "PROMPT", arity = "0..*", description = "The prompt, as words.")
    List<String> words;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Read the prompt from FILE ('-' for standard input).")
    Path file;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "provider:model, an alias (opus, sonnet, haiku, …) or a Claude model id.")
    String model;

    @Option(
            names = "--fallback",
            paramLabel = "MODEL",
            split = ",",
            description = "Models to try, in order, when the first fails (repeatable or comma-separated).")
    List<String> fallbacks;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Time limit for each attempt; 0 takes default_timeout_seconds from configuration.")
    Integer timeoutSeconds;

    /** The model line by default; -q not even that, -vv also a closing line of tokens and cost. */
    @Mixin
    Verbosity verbosity;

    @Option(
            names = {"-s", "--system"},
            paramLabel = "TEXT",
            description = "System prompt.")
    String system;

    /** One JSON object: answer, model used, usage, cost. */
    @Mixin
    JsonOption json;

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--no-stream", description = "Print the answer once it is complete, even on a terminal.")
    boolean noStream;

    @Option(
            names = "--json-schema",
            paramLabel = "SCHEMA",
            description =
                    "The answer must be JSON fitting this schema (a file, or the schema's JSON); checked before it "
                            + "is printed.")
    String jsonSchema;

    @Option(
            names = {"-o", "--option"},
            arity = "2",
            paramLabel = "KEY VALUE",
            hideParamSyntax = true,
            description = "Model option: max_tokens, temperature, top_p, stop, thinking_budget, prompt_caching, or any "
                    + "other key the provider takes.")
    List<String> options;

    PipeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (timeoutSeconds != null && timeoutSeconds < 0)
            throw new UsageException("--timeout must be 0 or more seconds");
        String prompt = PromptInput.read(words, file, context);
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            ModelSelection selection = ModelSelection.of(marble, model, fallbacks);
            ChatOptions.Builder chatOptions = ChatOptions.builder();
            if (timeoutSeconds != null && timeoutSeconds > 0) chatOptions.timeout(Duration.ofSeconds(timeoutSeconds));
            ModelOptionParser.apply(options, chatOptions);
            AnswerSchema schema = jsonSchema == null
                    ? null
                    : AnswerSchema.read(jsonSchema, context.environment().workingDirectory());
            if (schema != null) {
                List<ModelRef> models =
                        new ArrayList<>(List.of(selection.primary().ref()));
                models.addAll(selection.fallbacks());
                schema.requireSupport(marble, models);
                schema.applyTo(chatOptions);
            }
            ChatRequest request =
                    new ChatRequest(system, List.of(Message.user(prompt)), List.of(), chatOptions.build());

            boolean replay = marble.isReplay(selection.primary().ref());
            Detail detail = verbosity.detail(Detail.PROGRESS);
            if (detail.atLeast(Detail.PROGRESS) || replay) context.err().println(header(selection, replay));
            marble.openJournal();
            marble.exportTelemetry();
            var modelStack = marble.model(selection.primary().ref(), selection.fallbacks(), Ids.next());
            // An answer held to a schema is printed only once it is checked, so it is never streamed.
            boolean streaming = !json.enabled() && !noStream && schema == null && context.stdoutIsTerminal();
            Spinner spinner = Spinner.on(context, !json.enabled() && !verbosity.quiet);
            TerminalListener listener = new TerminalListener(
                            context.out(), context.err(), streaming, LABEL, marble.redactor(), spinner)
                    .withTerminals(TerminalText.out(context), TerminalText.err(context));
            ChatResponse response;
            spinner.start(selection.primary().ref().toString());
            try {
                response = modelStack.chat(request, listener);
            } catch (ModelCallFailedException failure) {
                if (json.enabled()) context.out().println(PipeJson.failure(failure, selection, marble.redactor()));
                throw failure;
            } finally {
                spinner.stop();
            }
            Optional<String> misfit = schema == null ? Optional.empty() : schema.problems(response.text());
            if (misfit.isPresent()) {
                context.err()
                        .println("marble: error: the answer does not fit " + schema.source() + ": "
                                + TerminalText.err(context)
                                        .show(marble.redactor().redact(misfit.get())));
                return ExitCodes.MODEL_FAILED;
            }
            if (json.enabled()) {
                context.out().println(PipeJson.success(response, selection, replay, marble.redactor()));
            } else if (listener.streamedText()) {
                if (!listener.endsWithNewline()) context.out().println();
            } else {
                // Piped, the answer's bytes as the model wrote them; at a terminal, its controls made visible.
                String text = TerminalText.out(context).show(response.text());
                context.out().print(text);
                if (!text.endsWith("\n")) context.out().println();
            }
            if (detail == Detail.FULL && !json.enabled())
                context.err().println(closing(response, Palette.err(context, commandSpec)));
            return ExitCodes.OK;
        }
    }

    /** -vv: what the call took, as the end of a chat answer shows it. */
    private static String closing(ChatResponse response, Palette palette) {
        return LABEL + " " + response.model() + ": "
                + Words.count(response.usage().inputTokens(), "token") + " in, "
                + response.usage().outputTokens() + " out | " + palette.cost(Words.cost(response.cost()))
                + (response.retries() > 0 ? " | " + Words.count(response.retries(), "retry", "retries") : "");
    }

    private static String header(ModelSelection selection, boolean replay) {
        String line = LABEL + " model: " + selection.primary().ref() + " ("
                + selection.primary().source() + ")";
        if (!selection.fallbacks().isEmpty()) {
            line += ", fallbacks: "
                    + String.join(
                            ", ",
                            selection.fallbacks().stream().map(Object::toString).toList());
        }
        if (replay) line += " — REPLAY: answers come from the file, not from a model";
        return line;
    }
}
