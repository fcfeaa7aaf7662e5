package dev.marble.temporal;

import dev.marble.Marble;
import dev.marble.api.DurableEngine;
import dev.marble.api.EngineOptions;

/** Marble on Temporal: chains and agent runs as workflows, run by {@code marble worker} processes. */
public final class TemporalEngine implements DurableEngine {

    public static final String NAME = "temporal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TemporalConnection connect(Marble marble, EngineOptions overrides) {
        return TemporalConnection.open(
                        TemporalSettings.resolve(overrides, marble.environment().variables(), marble.config()))
                .retrying(marble.retryPolicy())
                .in(marble);
    }
}
