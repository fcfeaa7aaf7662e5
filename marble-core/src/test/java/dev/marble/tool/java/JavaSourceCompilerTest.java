package dev.marble.tool.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import dev.marble.json.Json;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import dev.marble.tool.Toolset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSourceCompilerTest {

    private static final String TOOLS = """
            import dev.marble.tool.annotation.Tool;
            import dev.marble.tool.annotation.Param;
            import dev.marble.tool.ToolContext;

            public class Tools {
                @Tool("Adds two numbers")
                public int add(@Param("first addend") int a, @Param("second addend") int b) { return a + b; }

                @Tool(name = "read_note", value = "Reads a note", preApproved = true)
                public String readNote(@Param("note title") String title, ToolContext context) {
                    return "note " + title + " for " + context.runId();
                }
            }
            """;

    @TempDir
    Path temp;

    private Path write(String name, String text) throws Exception {
        Path file = temp.resolve("project").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Path cache() {
        return temp.resolve("project/.marble/cache/functions");
    }

    @Test
    void aJavaFileBecomesToolsWithTheNamesJavacKept() throws Exception {
        List<Toolset> toolsets = JavaTools.load(write("Tools.java", TOOLS), cache());
        assertThat(toolsets).hasSize(1);
        try (Toolset toolset = toolsets.getFirst()) {
            assertThat(toolset.name()).isEqualTo("Tools.java");
            Tool add = toolset.tools().getFirst();
            assertThat(add.spec().inputSchema().get("required")).isEqualTo(Json.parse("[\"a\",\"b\"]"));
            assertThat(add.call(Json.parse("{\"a\":2,\"b\":40}"), TestContext.of("r")))
                    .isEqualTo(ToolResult.ok("42"));
            Tool readNote = toolset.tools().get(1);
            assertThat(readNote.call(Json.parse("{\"title\":\"x\"}"), TestContext.of("r1"))
                            .content())
                    .isEqualTo("note x for r1");
        }
    }

    @Test
    void aJavaFileMayUseTheLibraryApisAnnotations() throws Exception {
        Path file = write("Api.java", """
                import dev.marble.api.*;

                public class Api {
                    @Tool(value = "Adds two numbers", preApproved = true)
                    public int add(@Param("first addend") int a, @Param(value = "second", required = false) int b) {
                        return a + b;
                    }
                }
                """);
        try (Toolset toolset = JavaTools.load(file, cache()).getFirst()) {
            Tool add = toolset.tools().getFirst();
            assertThat(add.spec().description()).isEqualTo("Adds two numbers");
            assertThat(add.approvalDefault()).isEqualTo(ApprovalDefault.ALLOW);
            assertThat(add.spec().inputSchema().get("required")).isEqualTo(Json.parse("[\"a\"]"));
            assertThat(add.spec()
                            .inputSchema()
                            .path("properties")
                            .path("a")
                            .path("description")
                            .asString())
                    .isEqualTo("first addend");
            assertThat(add.call(Json.parse("{\"a\":2}"), TestContext.of("r"))).isEqualTo(ToolResult.ok("2"));
        }
    }

    @Test
    void anUnchangedFileIsNotCompiledAgain() throws Exception {
        Path source = write("Tools.java", TOOLS);
        JavaSourceCompiler compiler = new JavaSourceCompiler(cache());
        JavaSourceCompiler.Compiled first = compiler.compile(source);
        assertThat(first.reused()).isFalse();
        Path classFile = first.classes().resolve("Tools.class");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(classFile, old);

        JavaSourceCompiler.Compiled second = new JavaSourceCompiler(cache()).compile(source);
        assertThat(second.reused()).isTrue();
        assertThat(second).isEqualTo(new JavaSourceCompiler.Compiled(first.classes(), "Tools", true));
        assertThat(Files.getLastModifiedTime(classFile)).isEqualTo(old);

        Files.writeString(source, TOOLS.replace("a + b", "b + a"));
        JavaSourceCompiler.Compiled changed = compiler.compile(source);
        assertThat(changed.reused()).isFalse();
        assertThat(changed.classes()).isNotEqualTo(first.classes());
        try (var entries = Files.list(cache())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .as("no temporary folder is left")
                    .allMatch(n -> n.startsWith("Tools-"));
        }
    }

    @Test
    void aCompileErrorIsReportedWhereItIs() throws Exception {
        Path source = write("Tools.java", """
                import dev.marble.tool.annotation.Tool;

                public class Tools {
                    @Tool("Adds")
                    public int add(int a, int b) { return a + c; }

                    @Tool("Broken")
                    public int other() { return undefined(); }
                }
                """);
        assertThatThrownBy(() -> JavaTools.load(source, cache()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.location().file()).isEqualTo(source);
                    assertThat(e.location().line()).isEqualTo(5);
                    assertThat(e.location().column()).isEqualTo(47);
                })
                .hasMessageStartingWith(source + ":5:47: cannot find symbol (symbol: variable c")
                .hasMessageEndingWith("(and 1 more error)")
                .hasMessageNotContaining("\n");
        try (var entries = Files.list(cache())) {
            assertThat(entries)
                    .as("nothing is cached for a file that does not compile")
                    .isEmpty();
        }
    }

    @Test
    void aFileMayDeclareAPackage() throws Exception {
        Path source = write("Weather.java", """
                package com.acme.tools;

                import dev.marble.tool.annotation.Tool;

                public class Weather {
                    @Tool("Today's weather")
                    public static String today(String city) { return "sunny in " + city; }
                }
                """);
        JavaSourceCompiler.Compiled compiled = new JavaSourceCompiler(cache()).compile(source);
        assertThat(compiled.className()).isEqualTo("com.acme.tools.Weather");
        try (Toolset toolset = JavaTools.load(source, cache()).getFirst()) {
            assertThat(toolset.tools().getFirst().call(Json.parse("{\"city\":\"Oslo\"}"), TestContext.of("r")))
                    .isEqualTo(ToolResult.ok("sunny in Oslo"));
        }
    }

    @Test
    void theClassNeedNotBePublic() throws Exception {
        Path source = write("Tools.java", """
                class Tools {
                    @dev.marble.tool.annotation.Tool("Hi")
                    public static String hi() { return "hi"; }
                }
                """);
        try (Toolset toolset = JavaTools.load(source, cache()).getFirst()) {
            assertThat(toolset.tools().getFirst().call(Json.object(), TestContext.of("r")))
                    .isEqualTo(ToolResult.ok("hi"));
        }
    }

    @Test
    void theClassMustBeNamedAfterTheFile() throws Exception {
        Path source = write("Tools.java", """
                class Helpers {
                    @dev.marble.tool.annotation.Tool("Hi")
                    public static String hi() { return "hi"; }
                }
                """);
        assertThatThrownBy(() -> JavaTools.load(source, cache()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("declares no class Tools");
    }
}
