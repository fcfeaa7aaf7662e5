package dev.marble.agent;

import dev.marble.model.Usage;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Where a run stands, as stop conditions see it.
 *
 * @param unpricedModel the model whose cost was unknown, when one was (a cost budget cannot be kept then)
 */
public record RunState(int turns, Usage usage, BigDecimal costUsd, String unpricedModel, Duration elapsed,
                       String lastText) {}
