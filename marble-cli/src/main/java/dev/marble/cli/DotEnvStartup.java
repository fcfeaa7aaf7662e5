package dev.marble.cli;

import dev.marble.config.DotEnvFiles;
import dev.marble.config.Environment;
import dev.marble.secret.SecretVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code .env} files once, before any command runs, so every command sees the same environment: the
 * project's, the working directory's, and the one beside each program file ({@code .toml}, {@code .yaml},
 * {@code .worker}) the command line names, as LLMProc loaded its {@code .env}. Values whose names mark them secret
 * are registered with the redactor before anything can print them.
 */
final class DotEnvStartup {

    private static final List<String> PROGRAM_SUFFIXES = List.of(".toml", ".yaml", ".yml", ".worker");

    private DotEnvStartup() {}

    static CliContext apply(CliContext context, String... args) {
        Environment environment = context.environment();
        List<Path> directories = new ArrayList<>(DotEnvFiles.projectDirectories(environment));
        for (String arg : args) {
            if (PROGRAM_SUFFIXES.stream().noneMatch(arg.toLowerCase(Locale.ROOT)::endsWith)) continue;
            Path file;
            try {
                file = environment.workingDirectory().resolve(arg).normalize();
            } catch (RuntimeException notAPath) {
                continue;
            }
            if (Files.isRegularFile(file) && file.getParent() != null) directories.add(file.getParent());
        }
        DotEnvFiles.Loaded loaded = DotEnvFiles.load(
                environment,
                directories,
                warning -> context.err().println(context.redactor().redact(warning)));
        if (loaded.added().isEmpty()) return context;
        loaded.added().forEach(entry -> {
            if (SecretVariables.looksSecret(entry.key())) context.redactor().register(entry.key(), entry.value());
        });
        return new CliContext(
                loaded.environment(),
                context.in(),
                context.out(),
                context.err(),
                context.stdinIsTerminal(),
                context.stdoutIsTerminal(),
                context.stderrIsTerminal(),
                context.redactor());
    }
}
