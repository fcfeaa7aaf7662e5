package dev.marble.cli;

import dev.marble.json.Json;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chain as {@code marble chain create} built it, and its file: llmauto's wizard's keys in its order, so the file
 * runs under llmauto as under Marble. {@code stop_criterion} and {@code after_agent} are not written: neither runner
 * acts on them (ALL_DONE stops every chain anyway).
 *
 * @param maxConsecutiveBlocks loop chains only; null for once
 */
record ChainDraft(
        String name,
        String description,
        boolean loop,
        int maxRounds,
        BigDecimal runtimeHours,
        Integer maxConsecutiveBlocks,
        List<Link> links,
        List<DraftPrompts.Entry> prompts,
        List<DraftPrompts.Template> templates) {

    /** What llmauto's wizard wrote as {@code _creator}, with Marble's command in place of its script. */
    static final String CREATOR = "marble chain create";

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Python's {@code json.dumps(indent=4)}, which llmauto's chain files are written with. */
    private static final ObjectWriter WRITER = Json.mapper()
            .writer()
            .with(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    /** A link; workers get llmauto's until_full paragraph, as its wizard gave them. */
    record Link(String name, String role, String model, String description, String prompt) {
        boolean untilFull() {
            return role.equals("worker");
        }
    }

    ChainDraft {
        links = List.copyOf(links);
        prompts = List.copyOf(prompts);
        templates = List.copyOf(templates);
    }

    ObjectNode json(LocalDateTime created) {
        ObjectNode chain = Json.object();
        chain.put("chain_name", name);
        chain.put("description", description);
        chain.put("mode", loop ? "loop" : "once");
        chain.put("max_rounds", maxRounds);
        if (runtimeHours.scale() <= 0) chain.put("runtime_hours", runtimeHours.longValueExact());
        else chain.put("runtime_hours", runtimeHours);
        if (maxConsecutiveBlocks != null) chain.put("max_consecutive_blocks", maxConsecutiveBlocks);
        ArrayNode linkNodes = chain.putArray("links");
        for (Link link : links) {
            ObjectNode node = linkNodes.addObject();
            node.put("name", link.name());
            node.put("role", link.role());
            node.put("model", link.model());
            node.put("description", link.description());
            if (link.untilFull()) node.put("until_full", true);
            node.put("prompt", link.prompt());
        }
        ObjectNode promptNodes = chain.putObject("prompts");
        for (DraftPrompts.Entry prompt : prompts) {
            promptNodes.putObject(prompt.key()).put("type", "file").put("path", prompt.path());
        }
        chain.put("_created", CREATED.format(created));
        chain.put("_creator", CREATOR);
        return chain;
    }

    /** The file's text, as the preview shows it. */
    String text(LocalDateTime created) {
        return WRITER.writeValueAsString(json(created)) + "\n";
    }
}
