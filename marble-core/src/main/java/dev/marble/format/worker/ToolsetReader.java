package dev.marble.format.worker;

import dev.marble.config.ConfigWarning;
import dev.marble.config.LocatedDocument;
import dev.marble.error.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Builds one {@link ToolsetRef} from a {@code toolsets:} entry that has passed {@link WorkerSchema}. */
final class ToolsetReader {

    private ToolsetReader() {}

    static ToolsetRef read(LocatedDocument document, String name, List<ConfigWarning> warnings) {
        JsonPointer pointer = JsonPointer.compile("/toolsets").appendProperty(name);
        JsonNode config = document.root().at(pointer);
        SourceLocation where = document.keyAt(pointer, "toolsets." + name);
        return switch (name) {
            case WorkerSchema.SHELL -> {
                ignoredApprovalConfig(document, pointer, name, warnings);
                yield new ToolsetRef.Shell(shellRules(config), where);
            }
            case WorkerSchema.FILESYSTEM -> {
                ignoredApprovalConfig(document, pointer, name, warnings);
                yield new ToolsetRef.Filesystem(
                        flag(config, "read_approval", false), flag(config, "write_approval", true), where);
            }
            default -> new ToolsetRef.Named(name, preApproved(config.get("_approval_config")), where);
        };
    }

    private static ShellRules shellRules(JsonNode config) {
        List<ShellRules.Rule> rules = new ArrayList<>();
        JsonNode list = config.get("rules");
        if (list != null) {
            for (JsonNode rule : list) {
                rules.add(
                        new ShellRules.Rule(rule.get("pattern").stringValue(), flag(rule, "approval_required", true)));
            }
        }
        JsonNode fallback = config.get("default");
        return new ShellRules(rules, fallback == null ? null : flag(fallback, "approval_required", true));
    }

    private static Map<String, Boolean> preApproved(JsonNode approvalConfig) {
        Map<String, Boolean> tools = new LinkedHashMap<>();
        if (approvalConfig != null) {
            for (Map.Entry<String, JsonNode> tool : approvalConfig.properties()) {
                tools.put(tool.getKey(), flag(tool.getValue(), "pre_approved", false));
            }
        }
        return tools;
    }

    /** llm-do let the built-in toolsets' own settings decide and never read their _approval_config. */
    private static void ignoredApprovalConfig(
            LocatedDocument document, JsonPointer toolset, String name, List<ConfigWarning> warnings) {
        JsonPointer pointer = toolset.appendProperty("_approval_config");
        if (document.root().at(pointer).isMissingNode()) return;
        String instead = name.equals(WorkerSchema.SHELL) ? "rules and default" : "read_approval and write_approval";
        warnings.add(new ConfigWarning(
                document.keyAt(pointer, "toolsets." + name + "._approval_config"),
                "ignored, as llm-do ignored it: the " + name + " toolset is configured by " + instead));
    }

    private static boolean flag(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.get(field);
        return value == null ? fallback : value.booleanValue();
    }
}
