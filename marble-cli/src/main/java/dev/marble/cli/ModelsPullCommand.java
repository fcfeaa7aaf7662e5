package dev.marble.cli;

import dev.marble.config.ConfigLoader;
import dev.marble.config.MarbleConfig;
import dev.marble.local.GgufFile;
import dev.marble.local.LocalModelException;
import dev.marble.local.LocalPaths;
import dev.marble.local.pull.ModelDownload;
import dev.marble.local.pull.ModelSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marble models pull OWNER/REPO/FILE}: downloads a GGUF model into the models folder, for the
 * {@code local} provider. The file's path goes to standard output (for scripts); the progress bar and
 * notes go to standard error.
 */
@Command(
        name = "pull",
        description = {
            "Download a GGUF model into the models folder.",
            "OWNER/REPO/FILE on Hugging Face, or an https:// URL. Resumes a broken download and checks the file's"
                    + " SHA-256. Exit 0: the file is there; 1: the download failed or its checksum differs; 2: a usage"
                    + " error."
        },
        footer = {
            "  marble models pull \\",
            "      Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf",
            "  marble models pull https://example.com/tiny.gguf --sha256 HEX --dir models"
        })
final class ModelsPullCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "OWNER/REPO/FILE",
            description =
                    "e.g. Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf (@REVISION may follow), "
                            + "or a URL")
    String source;

    @Option(
            names = "--sha256",
            paramLabel = "HEX",
            description = "The file's SHA-256 (default: the one the hub announces, if any).")
    String sha256;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where models go (default: local.models_dir, else $XDG_CACHE_HOME/marble/models).")
    Path dir;

    ModelsPullCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var environment = context.environment();
        MarbleConfig config = ConfigLoader.load(environment);
        ModelSource from =
                ModelSource.parse(source, environment.get("HF_ENDPOINT").orElse(null));
        Path models = dir != null
                ? environment.workingDirectory().resolve(dir).normalize()
                : LocalPaths.modelsDir(config, environment);
        Path target = models.resolve(from.relativePath()).normalize();
        String token = environment.get("HF_TOKEN").orElse(null);
        if (token != null) context.redactor().register("HF_TOKEN", token);
        PrintStream err = context.err();
        err.println("marble: pulling " + from.uri() + " into " + target);
        ProgressBar bar = new ProgressBar(err, context.stderrIsTerminal());
        ModelDownload.Result result =
                new ModelDownload(token, 5, Duration.ofSeconds(2)).fetch(from, target, sha256, bar::show);
        bar.done();
        if (result.alreadyThere()) {
            err.println("marble: already there" + (result.checked() ? " (SHA-256 matches)" : ""));
        } else {
            err.printf(
                    Locale.ROOT,
                    "marble: %.1f MB%s, SHA-256 %s%s%n",
                    result.bytes() / 1e6,
                    result.resumes() > 0
                            ? ", resumed " + result.resumes() + (result.resumes() == 1 ? " time" : " times")
                            : "",
                    result.sha256(),
                    result.checked() ? " (checked)" : " (no checksum to compare with)");
        }
        try {
            GgufFile gguf = GgufFile.read(result.file());
            err.println(
                    "marble: " + gguf.name() + " (" + gguf.architecture() + "); use it with -m local:" + result.file());
        } catch (LocalModelException notGguf) {
            err.println("marble: warning: " + notGguf.getMessage() + "; the local provider cannot run it");
        }
        context.out().println(result.file());
        return ExitCodes.OK;
    }

    /** One line redrawn in place on a terminal; elsewhere, nothing until the end (logs stay readable). */
    private record ProgressBar(PrintStream err, boolean terminal) {
        void show(ModelDownload.Progress progress) {
            if (!terminal) return;
            String line;
            if (progress.total() > 0) {
                int width = 30;
                int filled = (int) (width * progress.done() / progress.total());
                line = String.format(
                        Locale.ROOT,
                        "[%s%s] %3d%% %.1f/%.1f MB",
                        "#".repeat(filled),
                        " ".repeat(width - filled),
                        100 * progress.done() / progress.total(),
                        progress.done() / 1e6,
                        progress.total() / 1e6);
            } else {
                line = String.format(Locale.ROOT, "%.1f MB", progress.done() / 1e6);
            }
            err.print("\r" + line);
            err.flush();
        }

        void done() {
            if (terminal) err.println();
        }
    }
}
