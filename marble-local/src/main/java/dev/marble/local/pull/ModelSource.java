package dev.marble.local.pull;

import dev.marble.error.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a model comes from: {@code OWNER/REPO/FILE} on a Hugging Face-style hub ({@code HF_ENDPOINT},
 * else https://huggingface.co), optionally {@code OWNER/REPO/FILE@REVISION}, or a whole {@code https://} URL.
 *
 * @param relativePath where it goes under the models folder: {@code OWNER/REPO/FILE}, or the URL's file name
 */
public record ModelSource(URI uri, Path relativePath) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    public static ModelSource parse(String text, String endpoint) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            URI uri = URI.create(trimmed);
            String path = uri.getPath() == null ? "" : uri.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.isEmpty()) throw new UsageException("the URL " + trimmed + " names no file");
            return new ModelSource(uri, Path.of(name));
        }
        String revision = "main";
        int at = trimmed.lastIndexOf('@');
        if (at > 0) {
            revision = trimmed.substring(at + 1);
            trimmed = trimmed.substring(0, at);
        }
        String[] parts = trimmed.split("/");
        if (parts.length < 3
                || Arrays.stream(parts).anyMatch(p -> p.isEmpty() || p.equals("..") || p.equals("."))
                || revision.isEmpty()
                || revision.contains("/")) {
            throw new UsageException("expected OWNER/REPO/FILE (e.g. Qwen/Qwen2.5-0.5B-Instruct-GGUF/"
                    + "qwen2.5-0.5b-instruct-q4_k_m.gguf) or an https:// URL, got '" + text + "'");
        }
        String repo = parts[0] + "/" + parts[1];
        String file = trimmed.substring(repo.length() + 1);
        String base = endpoint == null || endpoint.isBlank()
                ? DEFAULT_ENDPOINT
                : endpoint.strip().replaceAll("/+$", "");
        return new ModelSource(URI.create(base + "/" + repo + "/resolve/" + revision + "/" + file), Path.of(trimmed));
    }
}
