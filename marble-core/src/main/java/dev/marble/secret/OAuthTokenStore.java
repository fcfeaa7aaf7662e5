package dev.marble.secret;

import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OAuth tokens of each provider, in {@code oauth.json} of the user's config directory (one object a provider,
 * {@code {"access_token", "refresh_token", "expires_at"}}). The file is only ever readable by its owner: a new
 * version is written to a temporary file that is <em>created</em> with mode 0600 (never chmod-ed after the fact, so
 * there is no moment it is world-readable) and then moved over the old one atomically, so a crash mid-write leaves
 * the old tokens, not half a file. Every token read or written is registered with the run's {@link SecretRedactor}.
 */
public final class OAuthTokenStore {

    public static final String FILE_NAME = "oauth.json";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final SecretRedactor redactor;

    public OAuthTokenStore(Path file, SecretRedactor redactor) {
        this.file = file;
        this.redactor = redactor;
    }

    /** The store in the user's config directory ({@code ~/.config/marble/oauth.json}). */
    public static OAuthTokenStore of(Environment environment, SecretRedactor redactor) {
        return new OAuthTokenStore(environment.globalConfigDirectory().resolve(FILE_NAME), redactor);
    }

    public Path file() {
        return file;
    }

    /** The tokens stored for {@code provider}, registered with the redactor; empty when there are none. */
    public Optional<OAuthTokens> read(String provider) {
        JsonNode entry = document().path(provider);
        if (!entry.isObject()) return Optional.empty();
        String access = entry.path("access_token").asString("");
        if (access.isBlank()) throw malformed(provider + ".access_token", "a non-empty string");
        Instant expires;
        try {
            expires = Instant.parse(entry.path("expires_at").asString(""));
        } catch (RuntimeException notATime) {
            throw malformed(provider + ".expires_at", "an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
        String refresh = entry.path("refresh_token").isString()
                ? entry.path("refresh_token").asString()
                : null;
        OAuthTokens tokens = new OAuthTokens(access, refresh, expires);
        register(provider, tokens);
        return Optional.of(tokens);
    }

    /**
     * Registers every stored token with the redactor, so a run that reads the file (or a copy of a token) cannot
     * show them even when no provider of this run uses OAuth. A malformed file is left for {@link #read} to report.
     */
    public void registerStored() {
        ObjectNode all;
        try {
            all = document();
        } catch (RuntimeException unreadable) {
            return;
        }
        for (var entry : all.properties()) {
            JsonNode tokens = entry.getValue();
            redactor.register(variableName(entry.getKey()) + "_ACCESS_TOKEN", text(tokens, "access_token"));
            redactor.register(variableName(entry.getKey()) + "_REFRESH_TOKEN", text(tokens, "refresh_token"));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    /** Stores {@code tokens} for {@code provider}, keeping the other providers' entries. */
    public void save(String provider, OAuthTokens tokens) {
        register(provider, tokens);
        ObjectNode all = document();
        ObjectNode entry = all.putObject(provider);
        entry.put("access_token", tokens.accessToken());
        if (tokens.hasRefreshToken()) entry.put("refresh_token", tokens.refreshToken());
        entry.put("expires_at", tokens.expiresAt().toString());
        write(all);
    }

    /** Forgets {@code provider}'s tokens; returns whether there were any. Deletes the file when it is left empty. */
    public boolean remove(String provider) {
        ObjectNode all = document();
        if (all.remove(provider) == null) return false;
        if (all.isEmpty()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        } else {
            write(all);
        }
        return true;
    }

    private void register(String provider, OAuthTokens tokens) {
        String name = variableName(provider);
        redactor.register(name + "_ACCESS_TOKEN", tokens.accessToken());
        if (tokens.hasRefreshToken()) redactor.register(name + "_REFRESH_TOKEN", tokens.refreshToken());
    }

    /** The name a redacted token shows in its place: {@code [redacted:ANTHROPIC_OAUTH_ACCESS_TOKEN]}. */
    private static String variableName(String provider) {
        return provider.toUpperCase(Locale.ROOT) + "_OAUTH";
    }

    private ObjectNode document() {
        if (!Files.exists(file)) return Json.object();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (RuntimeException notJson) {
            // The parser's message quotes the text around the error, which may be a token: leave it out.
            throw malformed(null, "a JSON object; log in again with 'marble oauth login' after deleting the file");
        }
        if (!(node instanceof ObjectNode object)) throw malformed(null, "a JSON object");
        return object;
    }

    private void write(ObjectNode all) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) Files.createDirectories(directory, ownerOnly(OWNER_ONLY_DIRECTORY));
            Path temporary = directory.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.createFile(temporary, ownerOnly(OWNER_ONLY));
                Files.writeString(temporary, Json.write(all) + "\n", StandardCharsets.UTF_8);
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException clash) {
            throw new UncheckedIOException("cannot write " + file + ": a temporary file of that name exists", clash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Owner-only permissions where the file system has POSIX modes; elsewhere the directory's own ACLs apply. */
    private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private ConfigException malformed(String field, String expected) {
        return new ConfigException(SourceLocation.of(file).withField(field), "expected " + expected);
    }
}
