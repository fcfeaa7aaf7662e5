package dev.marble.tool;

/**
 * Marks a tool whose {@link dev.marble.tool.Tool#approvalSubject approval subject} is a shell command
 * line. Rules for it are read as shell rules: matched per simple command of the parsed line, deny rules
 * on normalised programs and options, allow rules strictly and never past a known hazard; and the
 * built-in hard blocks apply. See {@link dev.marble.tool.shell.ShellParser}.
 */
public interface ShellCommandSubject {}
