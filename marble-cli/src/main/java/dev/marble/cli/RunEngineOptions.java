package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.EngineOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --engine} of an agent run ({@code marble loop}, {@code marble run}), and the server's flags with it. */
final class RunEngineOptions {

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            description = "local (default: marble.json's engine) or temporal: the run as a Temporal workflow, its calls"
                    + " run by 'marble worker's (docs/temporal.md).")
    String engine;

    @Mixin
    EngineFlags server;

    /** Whether the run goes to Temporal: the flag, else marble.json's {@code engine}; anything else is exit 2. */
    boolean onTemporal(Marble marble) {
        return DurableRunner.engine(engine, marble).equals(DurableRunner.TEMPORAL);
    }

    EngineOptions options() {
        return server.options();
    }
}
