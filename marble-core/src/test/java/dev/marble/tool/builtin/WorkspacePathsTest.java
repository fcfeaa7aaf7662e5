package dev.marble.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacePathsTest {

    @TempDir
    Path temp;

    Path root;
    Path outside;
    WorkspacePaths paths;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("w"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("project/src"));
        paths = WorkspacePaths.of(root);
    }

    @Test
    void relativePathsResolveAgainstTheRoot() {
        assertThat(paths.resolve("project/src/A.java")).isEqualTo(root.resolve("project/src/A.java"));
        assertThat(paths.resolve("new/not/yet.txt")).isEqualTo(root.resolve("new/not/yet.txt"));
        assertThat(paths.resolve(".")).isEqualTo(root);
        assertThat(paths.resolve("")).isEqualTo(root);
    }

    @Test
    void dotDotThatStaysInsideIsFine() {
        assertThat(paths.resolve("project/../project/src/./A.java")).isEqualTo(root.resolve("project/src/A.java"));
    }

    @Test
    void dotDotThatLeavesIsRefused() {
        assertThatThrownBy(() -> paths.resolve("../../../etc/passwd"))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("path '../../../etc/passwd' is outside the workspace " + root);
        assertThatThrownBy(() -> paths.resolve("project/../../../secret.txt"))
                .hasMessageContaining("is outside the workspace");
        assertThatThrownBy(() -> paths.resolve("../outside/secret.txt"))
                .hasMessageContaining("is outside the workspace");
    }

    @Test
    void absolutePathsOnlyInside() {
        assertThat(paths.resolve(root.resolve("project/src").toString())).isEqualTo(root.resolve("project/src"));
        assertThatThrownBy(() -> paths.resolve("/etc/passwd"))
                .hasMessage("path '/etc/passwd' is outside the workspace " + root);
        assertThatThrownBy(() -> paths.resolve(outside.resolve("secret.txt").toString()))
                .hasMessageContaining("is outside the workspace");
        // A sibling whose name merely starts with the root's name is not inside it.
        assertThatThrownBy(() -> paths.resolve(temp.resolve("w2/x").toString()))
                .hasMessageContaining("is outside the workspace");
    }

    @Test
    void symbolicLinksLeadingOutAreRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("would-be-created.txt"));

        assertThatThrownBy(() -> paths.resolve("out"))
                .hasMessage("path 'out' leads through a symbolic link to " + outside.toRealPath()
                        + ", which is outside the workspace " + root);
        assertThatThrownBy(() -> paths.resolve("out/secret.txt")).hasMessageContaining("leads through a symbolic link");
        assertThatThrownBy(() -> paths.resolve("secret-link.txt"))
                .hasMessageContaining("leads through a symbolic link");
        // Not there yet, but writing it would create it outside.
        assertThatThrownBy(() -> paths.resolve("out/new/file.txt"))
                .hasMessageContaining("leads through a symbolic link");
        assertThatThrownBy(() -> paths.resolve("dangling")).hasMessageContaining("leads through a symbolic link");
    }

    @Test
    void symbolicLinksStayingInsideAreFine() throws IOException {
        Files.writeString(root.resolve("project/src/A.java"), "class A {}");
        Files.createSymbolicLink(root.resolve("src"), root.resolve("project/src"));
        Files.createSymbolicLink(root.resolve("a.java"), Path.of("project/src/A.java"));
        Files.createSymbolicLink(root.resolve("later"), Path.of("project/later.txt"));

        assertThat(paths.resolve("src/A.java")).isEqualTo(root.resolve("src/A.java"));
        assertThat(paths.resolve("src/new.txt")).isEqualTo(root.resolve("src/new.txt"));
        assertThat(paths.resolve("a.java")).isEqualTo(root.resolve("a.java"));
        assertThat(paths.resolve("later")).isEqualTo(root.resolve("later"));
    }

    @Test
    void aWorkspaceReachedThroughALinkWorks() throws IOException {
        Path alias = Files.createSymbolicLink(temp.resolve("alias"), root);
        WorkspacePaths viaAlias = WorkspacePaths.of(alias);
        assertThat(viaAlias.resolve("project/src")).isEqualTo(alias.resolve("project/src"));
        // The same place spelled through the real root is inside too.
        assertThat(viaAlias.resolve(root.resolve("project").toString())).isEqualTo(alias.resolve("project"));
        assertThat(viaAlias.relative(root.resolve("project/src"))).isEqualTo("project/src");
    }

    @Test
    void loopsAndMissingWorkspacesAreClearErrors() throws IOException {
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        assertThatThrownBy(() -> paths.resolve("loop/x"))
                .isInstanceOf(ToolFailure.class)
                .hasMessageContaining("'loop/x'");
        assertThatThrownBy(() -> WorkspacePaths.of(temp.resolve("missing"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> paths.resolve("bad\0name")).hasMessageContaining("is not a valid path");
    }

    @Test
    void rendersPathsRelativeToTheRoot() {
        assertThat(paths.relative(root.resolve("project/src/A.java"))).isEqualTo("project/src/A.java");
        assertThat(paths.relative(root)).isEqualTo(".");
        assertThat(paths.relative(Path.of("/etc/passwd"))).isEqualTo("/etc/passwd");
    }

    @Test
    void approvalSubjectsAreRelativeToTheWorkspaceWhenInside() {
        Path root = Path.of("/work/space");
        assertThat(WorkspacePaths.approvalSubject("./docs/../docs/a.md", root)).isEqualTo("docs/a.md");
        assertThat(WorkspacePaths.approvalSubject("/work/space/docs/a.md", root))
                .isEqualTo("docs/a.md");
        assertThat(WorkspacePaths.approvalSubject("", root)).isEqualTo(".");
        assertThat(WorkspacePaths.approvalSubject("../x", root)).isEqualTo("/work/x");
        assertThat(WorkspacePaths.approvalSubject("/abs/p", root)).isEqualTo("/abs/p");
    }
}
