package dev.marble.format.program;

/**
 * A program another one may delegate to, under the name its {@code [linked_programs]} entry gives.
 *
 * @param description what the entry says the program is for; empty when it says nothing
 */
public record LinkedProgram(String name, String description, Program program) {}
