package dev.marble.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -C DIR}, which every chain command takes: where the chains, prompts, state and logs are. */
final class ChainHomeOption {

    @Option(
            names = {"-C", "--home"},
            paramLabel = "DIR",
            description = "The folder with chains/, prompts/, state/ and logs/.")
    Path home;

    ChainHome resolve(CliContext context) {
        return ChainHome.of(context, home);
    }
}
