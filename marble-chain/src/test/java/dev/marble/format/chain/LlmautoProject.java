package dev.marble.format.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The chains, prompts and template of llmauto's shapes written for Marble's tests, as a project on disk. */
final class LlmautoProject {

    private LlmautoProject() {}

    static Path copyInto(Path target) {
        try {
            Path source =
                    Path.of(LlmautoProject.class.getResource("/chains/llmauto").toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path from : files.toList()) {
                    Path to = target.resolve(source.relativize(from).toString());
                    if (Files.isDirectory(from)) Files.createDirectories(to);
                    else Files.copy(from, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
