package dev.marble.agent.delegate;

import dev.marble.json.Json;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.builtin.FileTools;
import dev.marble.tool.builtin.WorkspacePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The files a caller attaches to a delegated call, turned into the child's first message. Text files
 * are appended to the input in LLMProc's preload form ({@code <file path="…">…</file>}, inside an
 * {@code <attachments>} block); images and PDFs go to the model as files, as llm-do sends them.
 * Paths are relative to the workspace and may not leave it, like every file tool's, and each
 * attachment passes the caller's approval gate as a {@code read_file} call: a file the caller may
 * not read ({@code approvals.deny: ["read_file(secrets/*)"]}) cannot be handed to a delegate either.
 */
final class Attachments {

    /** What llm-do sends natively (it guesses the media type from the name); the rest must be text. */
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "png",
            "image/png",
            "jpg",
            "image/jpeg",
            "jpeg",
            "image/jpeg",
            "gif",
            "image/gif",
            "webp",
            "image/webp",
            "pdf",
            "application/pdf");

    /** What an attachment is checked as: the caller reading the file itself. */
    private static final Tool READ_FILE = FileTools.readFile();

    private Attachments() {}

    /**
     * The user message for {@code input} with the files named in {@code paths} (a JSON array of
     * strings, or missing).
     *
     * @throws DelegationException when a file is missing, outside the workspace, or binary of a kind not sent
     */
    static Message message(String input, JsonNode paths, ToolContext context, ApprovalGate gate) {
        if (paths == null || paths.isMissingNode() || paths.isNull() || paths.isEmpty()) return Message.user(input);
        Path workspace = context.workspace();
        WorkspacePaths guard = WorkspacePaths.of(workspace);
        StringBuilder block = new StringBuilder();
        List<Part> files = new ArrayList<>();
        for (JsonNode node : paths) {
            String given = node.asString();
            ApprovalGate.Verdict verdict = gate.check(
                    READ_FILE, "files", Json.object().put("path", given), context.runId(), workspace, reason -> {});
            if (!verdict.allowed()) {
                throw new DelegationException(
                        "attachment '" + given + "' is not attached: read_file " + verdict.reason());
            }
            Path file = guard.resolve(given);
            if (!Files.isRegularFile(file)) throw new DelegationException("attachment '" + given + "' is not a file");
            byte[] data;
            try {
                data = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DelegationException("attachment '" + given + "' cannot be read: " + e.getMessage());
            }
            String mediaType = MEDIA_TYPES.get(extension(file));
            if (mediaType != null) {
                files.add(new Part.Attachment(mediaType, file.getFileName().toString(), data));
                continue;
            }
            block.append("\n<file path=\"")
                    .append(guard.relative(file))
                    .append("\">\n")
                    .append(decode(given, data))
                    .append("\n</file>");
        }
        String text = block.isEmpty() ? input : input + "\n\n<attachments>" + block + "\n</attachments>";
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text(text));
        parts.addAll(files);
        return new Message(Role.USER, parts);
    }

    private static String decode(String given, byte[] data) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DelegationException("attachment '" + given + "' is neither UTF-8 text nor an image or PDF");
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
