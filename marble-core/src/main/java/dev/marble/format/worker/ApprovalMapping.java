package dev.marble.format.worker;

import dev.marble.error.SourceLocation;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A worker's approval settings as Marble {@link ApprovalRule}s, plus notes on what Marble does
 * differently from llm-do (always toward asking). The rules belong to this worker's run only: two
 * workers of one run may configure the shell differently.
 */
public record ApprovalMapping(List<ApprovalRule> rules, List<String> notes) {

    /** llm-do's filesystem read_file and list_files, and what Marble adds of the same kind. */
    static final List<String> READ_TOOLS = List.of("read_file", "list_files", "list_directory", "glob", "grep");
    /**
     * llm-do's write_file, and Marble's other changing tools but delete_path: llm-do could not delete,
     * so {@code write_approval: false} does not silently grant deletion.
     */
    static final List<String> WRITE_TOOLS = List.of("write_file", "edit_file", "make_directory");

    public ApprovalMapping {
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }

    static ApprovalMapping of(List<ToolsetRef> toolsets) {
        List<ApprovalRule> rules = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ToolsetRef toolset : toolsets) {
            switch (toolset) {
                case ToolsetRef.Shell shell -> {
                    ApprovalMapping mapped = ShellApprovalMapping.map(shell.rules(), shell.where());
                    rules.addAll(mapped.rules());
                    notes.addAll(mapped.notes());
                }
                case ToolsetRef.Filesystem files -> {
                    if (files.readApproval()) READ_TOOLS.forEach(t -> rules.add(exact(Decision.ASK, t, files.where())));
                    if (!files.writeApproval())
                        WRITE_TOOLS.forEach(t -> rules.add(exact(Decision.ALLOW, t, files.where())));
                }
                case ToolsetRef.Named named -> {
                    for (Map.Entry<String, Boolean> tool : named.preApproved().entrySet()) {
                        rules.add(exact(tool.getValue() ? Decision.ALLOW : Decision.ASK, tool.getKey(), named.where()));
                    }
                }
            }
        }
        return new ApprovalMapping(rules, notes);
    }

    private static ApprovalRule exact(Decision decision, String tool, SourceLocation where) {
        return new ApprovalRule(decision, tool, Pattern.compile(Pattern.quote(tool)), null, where);
    }
}
