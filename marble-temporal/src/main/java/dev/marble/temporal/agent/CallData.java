package dev.marble.temporal.agent;

/** A tool call as the model asked for it: its arguments as JSON text, so that no JSON library's types cross. */
public record CallData(String id, String name, String arguments) {}
