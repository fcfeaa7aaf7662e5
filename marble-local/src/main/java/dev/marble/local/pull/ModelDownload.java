package dev.marble.local.pull;

import dev.marble.config.Version;
import dev.marble.error.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Downloads one model file into the models folder. The bytes go to {@code FILE.part} first; a broken
 * connection is resumed from where it stopped with an HTTP {@code Range} request (now, up to a few
 * times, or by running the command again later), and only a whole file whose SHA-256 matches (the one
 * given, else the one the hub announces in {@code X-Linked-ETag}) is renamed into place.
 */
public final class ModelDownload {

    /** How far a download is; {@code total} is -1 while unknown. */
    public record Progress(long done, long total) {}

    /**
     * @param sha256  the file's SHA-256 as computed here
     * @param checked whether it was compared with a known checksum (given, or announced by the server)
     */
    public record Result(Path file, long bytes, String sha256, boolean checked, boolean alreadyThere, int resumes) {}

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_REDIRECTS = 8;

    private final HttpClient client;
    private final String token;
    private final int attempts;
    private final Duration pause;

    /** @param token a bearer token for gated repositories (HF_TOKEN), or null; sent to the first host only */
    public ModelDownload(String token, int attempts, Duration pause) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        this.token = token;
        this.attempts = attempts;
        this.pause = pause;
    }

    public Result fetch(ModelSource source, Path target, String expectedSha256, Consumer<Progress> progress) {
        String expected = expectedSha256 == null ? null : expectedSha256.strip().toLowerCase(Locale.ROOT);
        if (expected != null && !SHA256.matcher(expected).matches()) {
            throw new UsageException("--sha256 must be 64 hexadecimal digits, got '" + expectedSha256 + "'");
        }
        try {
            if (Files.isRegularFile(target)) {
                String actual = sha256(target);
                if (expected == null || expected.equals(actual)) {
                    return new Result(target, Files.size(target), actual, expected != null, true, 0);
                }
            }
            Files.createDirectories(target.getParent());
            Path part = target.resolveSibling(target.getFileName() + ".part");
            String announced = null;
            int resumes = 0;
            for (int attempt = 1; ; attempt++) {
                long offset = Files.isRegularFile(part) ? Files.size(part) : 0;
                if (offset > 0) resumes++;
                try {
                    String seen = transfer(source.uri(), part, offset, progress);
                    if (seen != null) announced = seen;
                    break;
                } catch (IOException broken) {
                    if (attempt >= attempts) {
                        throw new DownloadException(
                                "the download of " + source.uri() + " broke off (" + broken.getMessage()
                                        + ") after " + attempts + " attempts; run the command again to resume from "
                                        + Files.size(part) + " bytes",
                                broken);
                    }
                    sleep();
                }
            }
            String actual = sha256(part);
            String wanted = expected != null ? expected : announced;
            if (wanted != null && !wanted.equals(actual)) {
                Files.deleteIfExists(part);
                throw new DownloadException("the SHA-256 of " + source.uri() + " is " + actual + " but " + wanted
                        + (expected != null ? " was given" : " was announced by the server")
                        + "; the download was removed");
            }
            move(part, target);
            return new Result(target, Files.size(target), actual, wanted != null, false, resumes);
        } catch (IOException e) {
            throw new DownloadException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** One GET, resumed at {@code offset}; returns the checksum the hub announced, if any. */
    private String transfer(URI start, Path part, long offset, Consumer<Progress> progress) throws IOException {
        URI uri = start;
        String announced = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri).GET().header("user-agent", "marble/" + Version.VERSION);
            if (offset > 0) request.header("range", "bytes=" + offset + "-");
            if (token != null && Objects.equals(uri.getHost(), start.getHost()))
                request.header("authorization", "Bearer " + token);
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted; run the command again to resume", e);
            }
            HttpHeaders headers = response.headers();
            if (checksum(headers) != null) announced = checksum(headers);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && headers.firstValue("location").isPresent()) {
                response.body().close();
                uri = uri.resolve(headers.firstValue("location").get());
                continue;
            }
            try (InputStream body = response.body()) {
                if (status == 416 && offset > 0) return announced; // the part file is already whole
                if (status == 401 || status == 403) {
                    throw new DownloadException("HTTP " + status + " from " + start
                            + ": the repository is gated or private;" + " set HF_TOKEN to a token that may read it");
                }
                if (status == 404)
                    throw new DownloadException("HTTP 404 from " + start + ": no such repository, revision or file");
                if (status != 200 && status != 206) throw new DownloadException("HTTP " + status + " from " + start);
                boolean append = status == 206 && rangeStart(headers) == offset;
                long total = headers.firstValueAsLong("content-length").orElse(-1);
                if (total >= 0 && append) total += offset;
                copy(body, part, append, append ? offset : 0, total, progress);
                return announced;
            }
        }
        throw new DownloadException("more than " + MAX_REDIRECTS + " redirects from " + start);
    }

    private static void copy(
            InputStream body, Path part, boolean append, long done, long total, Consumer<Progress> progress)
            throws IOException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out =
                Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buffer = new byte[1 << 16];
            long lastReport = 0;
            progress.accept(new Progress(done, total));
            for (int n; (n = body.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                long now = System.nanoTime();
                if (now - lastReport > 100_000_000L) {
                    progress.accept(new Progress(done, total));
                    lastReport = now;
                }
            }
            progress.accept(new Progress(done, total));
            if (total >= 0 && done < total)
                throw new IOException("the connection closed after " + done + " of " + total + " bytes");
        }
    }

    /** The hub's checksum: {@code X-Linked-ETag} (files in Git LFS), else an {@code ETag} that is a SHA-256. */
    private static String checksum(HttpHeaders headers) {
        for (String name : new String[] {"x-linked-etag", "etag"}) {
            Optional<String> value = headers.firstValue(name)
                    .map(v -> v.replace("W/", "").replace("\"", "").strip().toLowerCase(Locale.ROOT));
            if (value.isPresent() && SHA256.matcher(value.get()).matches()) return value.get();
        }
        return null;
    }

    private static long rangeStart(HttpHeaders headers) {
        return headers.firstValue("content-range")
                .filter(v -> v.startsWith("bytes "))
                .map(v -> v.substring(6, v.indexOf('-')))
                .map(Long::parseLong)
                .orElse(-1L);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted; run the command again to resume", e);
        }
    }
}
