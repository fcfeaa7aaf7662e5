package dev.marble.provider.claudecode;

import dev.marble.config.Environment;
import dev.marble.error.ModelException;
import dev.marble.event.Ids;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.process.CommandLauncher;
import dev.marble.process.Launch;
import dev.marble.process.LaunchedCommand;
import dev.marble.process.Sandbox;
import dev.marble.provider.ChatModel;
import dev.marble.provider.http.CallDeadline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Claude Code CLI as a model: one {@code claude -p} run per call, in a session whose id Marble
 * chooses (so resuming never depends on the working directory), with its own tools and permission
 * mode. The CLI's reported cost is taken as the call's cost. A run past its time limit is killed
 * with everything it started.
 */
public final class ClaudeCodeChatModel implements ChatModel {

    private static final int STDERR_KEPT = 4000;

    private final ModelRef ref;
    private final ClaudeCodeSettings settings;
    private final Environment environment;
    private final Duration defaultTimeout;

    public ClaudeCodeChatModel(
            ModelRef ref, ClaudeCodeSettings settings, Environment environment, Duration defaultTimeout) {
        this.ref = ref;
        this.settings = settings;
        this.environment = environment;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public ModelRef ref() {
        return ref;
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        if (!request.tools().isEmpty()) {
            throw ModelException.terminal(
                    ModelException.Kind.BAD_REQUEST,
                    "the claude-code provider runs Claude Code's"
                            + " own tools; Marble's tools cannot be offered to it (use an anthropic: or openai: "
                            + "model for that)",
                    null);
        }
        ChatOptions options = request.options();
        ChatOptions.Session session = Objects.requireNonNullElseGet(
                options.session(), () -> new ChatOptions.Session(Ids.uuid().toString(), false));
        String prompt = ClaudePrompt.from(request, session.resume() || session.forkLatest());
        boolean partial = listener.wantsDeltas();
        ClaudeCommandLine commandLine = new ClaudeCommandLine(
                executable(),
                ref.model(),
                prompt,
                prompt.getBytes(StandardCharsets.UTF_8).length > ClaudeCommandLine.MAX_ARGUMENT_BYTES,
                request.system(),
                session,
                null,
                partial,
                settings.with(options.extra()));
        Path directory = Objects.requireNonNullElse(options.workingDirectory(), environment.workingDirectory());
        Duration timeout = request.attemptTimeout(defaultTimeout);
        return run(commandLine, directory, timeout, listener, partial);
    }

    private String executable() {
        return environment
                .findExecutable(settings.command())
                .map(Path::toString)
                .orElseThrow(() -> ModelException.terminal(
                        ModelException.Kind.UNAVAILABLE,
                        "the Claude Code CLI '" + settings.command()
                                + "' was not found on PATH; install it (npm install -g @anthropic-ai/claude-code) "
                                + "or set"
                                + " claude_code.command in marble.json" + apiSuggestion(),
                        null));
    }

    /**
     * A bare Claude id ({@code claude-sonnet-4-6}) means the Claude Code CLI, as in llmauto's chains; someone with an
     * API key and no CLI most likely meant the API.
     */
    private String apiSuggestion() {
        boolean claudeId = ref.model().startsWith("claude-");
        boolean apiKey = environment.get("ANTHROPIC_API_KEY").isPresent()
                || environment.get("ANTHROPIC_AUTH_TOKEN").isPresent();
        return claudeId && apiKey ? "; did you mean anthropic:" + ref.model() + "?" : "";
    }

    private ChatResponse run(
            ClaudeCommandLine commandLine, Path directory, Duration timeout, StreamListener listener, boolean partial) {
        // Not sandboxed: the CLI needs its credentials and the network, and confines its own tools. Launched
        // like every command all the same, so that it dies with Marble and a time limit ends all it started.
        Launch launch = new Launch(
                commandLine.argv(),
                directory,
                environment.withVariable(
                        "CLAUDECODE", null), // lets a run start from inside a Claude Code session, as llmauto allows
                new Sandbox.None("the Claude Code CLI runs its tools under its own permission rules"));
        LaunchedCommand launched;
        try {
            launched = CommandLauncher.shared().start(launch);
        } catch (IOException e) {
            throw ModelException.terminal(
                    ModelException.Kind.UNAVAILABLE,
                    "cannot start " + commandLine.executable() + ": " + e.getMessage(),
                    null);
        }
        Process process = launched.process();
        StringBuilder stderr = new StringBuilder();
        Thread stderrReader = Thread.ofVirtual().start(() -> keepTail(process.getErrorStream(), stderr));
        ClaudeStreamJson stream = new ClaudeStreamJson(listener, partial);
        try (CallDeadline deadline = CallDeadline.start(timeout)) {
            deadline.onExpiry(launched::stop);
            writePrompt(process, commandLine);
            // Read on a thread of its own: a blocked pipe read ignores Thread.interrupt, and the caller must notice
            // one (a SIGTERM from 'marble chain stop --now' reaches only Marble, not the CLI) to stop the CLI.
            IOException[] readFailure = new IOException[1];
            Thread stdoutReader = Thread.ofVirtual().start(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) stream.accept(line);
                } catch (IOException e) {
                    readFailure[0] = e;
                }
            });
            int exit = process.waitFor();
            if (!stdoutReader.join(Duration.ofSeconds(5))) {
                launched.stop(); // a process the CLI left behind still holds its output open
                stdoutReader.join(Duration.ofSeconds(2));
            }
            if (readFailure[0] != null && !deadline.expired()) {
                throw failed("reading its output failed: " + readFailure[0].getMessage(), null);
            }
            stderrReader.join(Duration.ofSeconds(2));
            // Ctrl+C interrupts this thread (the CLI, in a session of its own, does not see it): the call was
            // interrupted, not failed.
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            if (deadline.expired()) {
                throw ModelException.terminal(
                        ModelException.Kind.TIMEOUT,
                        "claude gave no result within "
                                + (timeout.toMillis() < 10_000
                                        ? String.format(Locale.ROOT, "%.1f", timeout.toMillis() / 1000.0)
                                        : Long.toString(timeout.toSeconds()))
                                + " s; it was stopped with every process it started",
                        null);
            }
            return response(stream, exit, stderr);
        } catch (InterruptedException e) {
            launched.stop();
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.INTERRUPTED, "interrupted");
        } finally {
            // Whatever the CLI left running (a background job its Bash tool started) ends with the call.
            if (process.isAlive()) launched.stop();
            else launched.endLeftovers();
        }
    }

    private ChatResponse response(ClaudeStreamJson stream, int exit, StringBuilder stderr) {
        ClaudeStreamJson.Result result = stream.result();
        if (result == null) {
            String detail;
            synchronized (stderr) {
                detail = stderr.toString().strip();
            }
            throw failed(
                    "claude exited with code " + exit + " without a result"
                            + (detail.isEmpty() ? "" : ": " + firstLines(detail)),
                    null);
        }
        if (result.isError()) {
            String status = result.apiErrorStatus() == null ? "" : " (API status " + result.apiErrorStatus() + ")";
            throw failed(
                    "claude reported an error" + status + ": " + firstLines(result.text()), result.apiErrorStatus());
        }
        String model = stream.model() == null ? ref.model() : stream.model();
        Cost cost = result.costUsd() == null
                ? Cost.UNKNOWN
                : new Cost(BigDecimal.valueOf(result.costUsd()), Cost.Source.PROVIDER_REPORTED);
        return new ChatResponse(
                new Message(Role.ASSISTANT, List.of(new Part.Text(result.text()))),
                "end_turn".equals(result.stopReason()) || result.stopReason() == null
                        ? StopReason.END_TURN
                        : StopReason.OTHER,
                result.stopReason(),
                result.usage(),
                new ModelRef(ref.provider(), model),
                null,
                result.sessionId() != null ? result.sessionId() : stream.sessionId(),
                cost,
                null);
    }

    private static ModelException failed(String message, Integer status) {
        ModelException.Kind kind = status == null ? ModelException.Kind.PROVIDER_FAILED : kindOf(status);
        return ModelException.terminal(kind, message, status);
    }

    private static ModelException.Kind kindOf(int status) {
        return switch (status) {
            case 401, 403 -> ModelException.Kind.AUTHENTICATION;
            case 429 -> ModelException.Kind.RATE_LIMITED;
            case 529 -> ModelException.Kind.OVERLOADED;
            default -> status >= 500 ? ModelException.Kind.SERVER_ERROR : ModelException.Kind.PROVIDER_FAILED;
        };
    }

    private static void writePrompt(Process process, ClaudeCommandLine commandLine) {
        try (OutputStream in = process.getOutputStream()) {
            if (commandLine.promptOnStdin()) in.write(commandLine.prompt().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The process died before reading its input; its exit code and stderr will say why.
        }
    }

    private static void keepTail(InputStream in, StringBuilder tail) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (tail) {
                    tail.append(line).append('\n');
                    if (tail.length() > STDERR_KEPT) tail.delete(0, tail.length() - STDERR_KEPT);
                }
            }
        } catch (IOException ignored) {
            // the process ended; what was read is kept
        }
    }

    private static String firstLines(String text) {
        String flat = text.strip().replaceAll("\\s*\\n\\s*", " | ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
