package dev.marble.tool.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import dev.marble.tool.Toolset;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarToolsTest {

    @TempDir
    Path temp;

    private static final Map<String, String> TWO_TOOL_CLASSES_AND_A_PLAIN_ONE = Map.of(
            "com/acme/Tools.java", """
                    package com.acme;
                    import dev.marble.tool.annotation.Tool;
                    public class Tools {
                        @Tool("Shouts")
                        public String shout(String text) { return Text.upper(text) + "!"; }
                    }
                    """,
            "com/acme/Clock.java", """
                    package com.acme;
                    import dev.marble.tool.annotation.Tool;
                    public class Clock {
                        @Tool(value = "The year", preApproved = true)
                        public static int year() { return 2025; }
                    }
                    """,
            "com/acme/Text.java", """
                    package com.acme;
                    public class Text {
                        static String upper(String text) { return text.toUpperCase(); }
                    }
                    """);

    @Test
    void eachClassWithToolsBecomesAToolset() throws Exception {
        Path jar = Javac.jar(temp, "tools.jar", TWO_TOOL_CLASSES_AND_A_PLAIN_ONE, true);
        List<Toolset> toolsets = JavaTools.load(jar, temp.resolve("cache"));
        try {
            assertThat(toolsets)
                    .extracting(Toolset::name)
                    .containsExactlyInAnyOrder("tools.jar: com.acme.Tools", "tools.jar: com.acme.Clock");
            Tool shout = find(toolsets, "shout");
            assertThat(shout.call(Json.parse("{\"text\":\"hey\"}"), TestContext.of("r")))
                    .isEqualTo(ToolResult.ok("HEY!"));
            assertThat(find(toolsets, "year").call(Json.object(), TestContext.of("r")))
                    .isEqualTo(ToolResult.ok("2025"));
        } finally {
            toolsets.forEach(Toolset::close);
        }
    }

    @Test
    void aClassMarkedWithTheLibraryApisToolIsFoundToo() throws Exception {
        Path jar = Javac.jar(temp, "api.jar", Map.of("com/acme/Api.java", """
                package com.acme;
                import dev.marble.api.Tool;
                public class Api {
                    @Tool("Echoes")
                    public static String echo(String text) { return text; }
                }
                """), true);
        List<Toolset> toolsets = JavaTools.load(jar, temp.resolve("cache"));
        try {
            assertThat(toolsets).extracting(Toolset::name).containsExactly("api.jar: com.acme.Api");
            assertThat(find(toolsets, "echo").call(Json.parse("{\"text\":\"hi\"}"), TestContext.of("r")))
                    .isEqualTo(ToolResult.ok("hi"));
        } finally {
            toolsets.forEach(Toolset::close);
        }
    }

    @Test
    void classesWithoutParameterNamesNeedParamNames() throws Exception {
        Path jar = Javac.jar(temp, "bare.jar", Map.of("Bare.java", """
                import dev.marble.tool.annotation.Tool;
                import dev.marble.tool.annotation.Param;
                public class Bare {
                    @Tool("Named")
                    public static int named(@Param(name = "x") int x) { return x; }
                    @Tool("Unnamed")
                    public static int unnamed(int x, @Param(name = "y") int y) { return x + y; }
                }
                """), false);
        assertThatThrownBy(() -> JavaTools.load(jar, temp.resolve("cache")))
                .isInstanceOf(UsageException.class)
                .hasMessage("bare.jar: Bare: unnamed(int, int): parameter 1 (int) has no name:"
                        + " compile the class with -parameters, or name it with @Param(name = \"...\")");
    }

    @Test
    void aClassWithToolsThatCannotLoadIsAnError() throws Exception {
        Path classes = Javac.compile(
                temp,
                Map.of(
                        "Missing.java", "public class Missing {}",
                        "Needy.java", """
                        import dev.marble.tool.annotation.Tool;
                        public class Needy {
                            @Tool("Needs Missing")
                            public static String go(Missing m) { return "no"; }
                        }
                        """),
                true);
        Files.delete(classes.resolve("Missing.class")); // a library left out of the jar
        Path jar = Javac.pack(classes, temp.resolve("needy.jar"));
        assertThatThrownBy(() -> JavaTools.load(jar, temp.resolve("cache")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("needy.jar: class Needy uses @Tool but cannot be loaded")
                .hasMessageContaining("Missing");
    }

    @Test
    void theJarStaysOpenUntilItsLastToolsetCloses() throws Exception {
        Path jar = Javac.jar(temp, "tools.jar", TWO_TOOL_CLASSES_AND_A_PLAIN_ONE, true);
        URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        SharedLoader shared = new SharedLoader(loader);
        AutoCloseable first = shared.hold();
        AutoCloseable second = shared.hold();
        first.close();
        first.close(); // a second close of one hold gives up nothing more
        assertThat(Class.forName("com.acme.Text", false, loader)).isNotNull();
        second.close();
        assertThatThrownBy(() -> Class.forName("com.acme.Clock", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aJarWithoutToolsIsRefused() throws Exception {
        Path jar = Javac.jar(temp, "plain.jar", Map.of("Plain.java", "public class Plain {}"), true);
        assertThatThrownBy(() -> JavaTools.load(jar, temp.resolve("cache")))
                .isInstanceOf(UsageException.class)
                .hasMessage("plain.jar has no class with @dev.marble.tool.annotation.Tool methods");
    }

    @Test
    void onlyJavaFilesAndJarsAreTaken() throws Exception {
        Path python = Files.writeString(temp.resolve("tools.py"), "def add(a, b): return a + b\n");
        assertThatThrownBy(() -> JavaTools.load(python, temp))
                .isInstanceOf(UsageException.class)
                .hasMessage("--functions takes a .java file or a .jar, not " + python);
        Path missing = temp.resolve("Missing.java");
        assertThatThrownBy(() -> JavaTools.load(missing, temp))
                .isInstanceOf(UsageException.class)
                .hasMessage("--functions: " + missing + " does not exist");
    }

    private static Tool find(List<Toolset> toolsets, String name) {
        return toolsets.stream()
                .flatMap(t -> t.tools().stream())
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
