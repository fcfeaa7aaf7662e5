package dev.marble.tool.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.annotation.Param;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JavaToolsetTest {

    public record Item(String name, int quantity) {}

    public enum Unit {
        METRIC,
        IMPERIAL
    }

    public static class Tools {
        static final AtomicInteger instances = new AtomicInteger();

        public Tools() {
            instances.incrementAndGet();
        }

        @dev.marble.tool.annotation.Tool("Adds two numbers")
        public int add(@Param("first addend") int a, @Param("second addend") int b) {
            return a + b;
        }

        @dev.marble.tool.annotation.Tool(name = "read_note", value = "Reads a note", preApproved = true)
        public String readNote(@Param("note title") String title, ToolContext context) {
            return title + " in run " + context.runId();
        }

        @dev.marble.tool.annotation.Tool("Orders items")
        public static Map<String, Object> order(
                List<Item> items,
                Unit unit,
                LocalDate when,
                Optional<String> note,
                @Param(required = false) int priority) {
            return Map.of(
                    "count",
                    items.size(),
                    "first",
                    items.getFirst(),
                    "unit",
                    unit,
                    "when",
                    when.toString(),
                    "note",
                    note.orElse("none"),
                    "priority",
                    priority);
        }

        @dev.marble.tool.annotation.Tool("Does nothing")
        public void nothing() {}

        @dev.marble.tool.annotation.Tool("Finds nothing")
        public String nobody() {
            return null;
        }

        @dev.marble.tool.annotation.Tool("Gives its own result")
        public ToolResult refuse() {
            return ToolResult.error("not today");
        }

        @dev.marble.tool.annotation.Tool("Fails")
        public String fail() throws IOException {
            throw new IOException("disk on fire");
        }

        @dev.marble.tool.annotation.Tool("Waits")
        public String waitForever() throws InterruptedException {
            throw new InterruptedException("stopped");
        }

        public String notATool() {
            return "hidden";
        }
    }

    public static class Overloaded {
        @dev.marble.tool.annotation.Tool("Adds ints")
        public static int add(int a, int b) {
            return a + b;
        }

        @dev.marble.tool.annotation.Tool("Adds doubles")
        public static double add(double a, double b) {
            return a + b;
        }
    }

    public static class Plain {
        public String hello() {
            return "hi";
        }
    }

    public static class Hidden {
        @dev.marble.tool.annotation.Tool("Private")
        private String secret() {
            return "s";
        }
    }

    public static class NoConstructor {
        public NoConstructor(String required) {}

        @dev.marble.tool.annotation.Tool("Needs an instance")
        public String hello() {
            return "hi";
        }
    }

    public static class OnlyStatic {
        private OnlyStatic() {
            throw new AssertionError("never made");
        }

        @dev.marble.tool.annotation.Tool("Static")
        public static String hello() {
            return "hi";
        }
    }

    public static class BadName {
        @dev.marble.tool.annotation.Tool(name = "read note", value = "spaces are not allowed")
        public static String hello() {
            return "hi";
        }
    }

    public static class Closing implements AutoCloseable {
        static final AtomicInteger closed = new AtomicInteger();

        @dev.marble.tool.annotation.Tool("Hello")
        public String hello() {
            return "hi";
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static final TestContext CONTEXT = TestContext.of("run-7");

    private static Tool tool(JavaToolset toolset, String name) {
        return toolset.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static ToolResult call(Tool tool, String arguments) throws Exception {
        return tool.call(Json.parse(arguments), CONTEXT);
    }

    @Test
    void everyPublicToolMethodBecomesATool() {
        JavaToolset toolset = JavaToolset.of(Tools.class, "Tools.java");
        assertThat(toolset.name()).isEqualTo("Tools.java");
        assertThat(toolset.tools())
                .extracting(Tool::name)
                .containsExactly("add", "fail", "nobody", "nothing", "order", "read_note", "refuse", "waitForever");
        assertThat(tool(toolset, "add").spec().description()).isEqualTo("Adds two numbers");
        assertThat(tool(toolset, "add").spec().inputSchema()).isEqualTo(Json.parse("""
                {"type":"object",
                 "properties":{"a":{"type":"integer","description":"first addend"},
                               "b":{"type":"integer","description":"second addend"}},
                 "required":["a","b"],
                 "additionalProperties":false}"""));
    }

    @Test
    void theContextIsPassedInAndNotAskedFor() throws Exception {
        Tool readNote = tool(JavaToolset.of(Tools.class, "Tools.java"), "read_note");
        assertThat(readNote.spec().inputSchema()).isEqualTo(Json.parse("""
                {"type":"object","properties":{"title":{"type":"string","description":"note title"}},
                 "required":["title"],"additionalProperties":false}"""));
        assertThat(call(readNote, "{\"title\":\"groceries\"}").content()).isEqualTo("groceries in run run-7");
    }

    @Test
    void argumentsAreConvertedToTheParameterTypes() throws Exception {
        Tool order = tool(JavaToolset.of(Tools.class, "Tools.java"), "order");
        assertThat(order.spec().inputSchema().get("required")).isEqualTo(Json.parse("[\"items\",\"unit\",\"when\"]"));
        ToolResult result = call(order, """
                {"items":[{"name":"apple","quantity":3}],"unit":"METRIC","when":"2025-03-01","note":"fast"}""");
        assertThat(result.isError()).isFalse();
        assertThat(Json.parse(result.content())).isEqualTo(Json.parse("""
                {"count":1,"first":{"name":"apple","quantity":3},"unit":"METRIC","when":"2025-03-01",
                 "note":"fast","priority":0}"""));
        JsonNode absent = Json.parse(call(order, """
                {"items":[{"name":"pear","quantity":1}],"unit":"IMPERIAL","when":"2025-03-01","priority":2}""").content());
        assertThat(absent.get("note").stringValue()).isEqualTo("none");
        assertThat(absent.get("priority").intValue()).isEqualTo(2);
    }

    @Test
    void anArgumentThatDoesNotConvertIsAnErrorResultNamingIt() throws Exception {
        Tool add = tool(JavaToolset.of(Tools.class, "Tools.java"), "add");
        ToolResult result = call(add, "{\"a\":\"three\",\"b\":4}");
        assertThat(result.isError()).isTrue();
        assertThat(result.content())
                .startsWith("argument 'a': ")
                .contains("three")
                .doesNotContain("\n");
        assertThat(call(add, "{\"b\":4}").content()).isEqualTo("argument 'a' is missing");
        assertThat(call(add, "{\"a\":3,\"b\":4}")).isEqualTo(ToolResult.ok("7"));
    }

    @Test
    void voidNullObjectAndToolResultResults() throws Exception {
        JavaToolset toolset = JavaToolset.of(Tools.class, "Tools.java");
        assertThat(call(tool(toolset, "nothing"), "{}")).isEqualTo(ToolResult.ok("done"));
        assertThat(call(tool(toolset, "nobody"), "{}")).isEqualTo(ToolResult.ok("done"));
        assertThat(call(tool(toolset, "refuse"), "{}")).isEqualTo(ToolResult.error("not today"));
    }

    @Test
    void whatTheMethodThrowsIsRethrownUnwrapped() {
        JavaToolset toolset = JavaToolset.of(Tools.class, "Tools.java");
        assertThatThrownBy(() -> call(tool(toolset, "fail"), "{}"))
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("disk on fire");
        assertThatThrownBy(() -> call(tool(toolset, "waitForever"), "{}"))
                .isExactlyInstanceOf(InterruptedException.class);
    }

    @Test
    void oneInstanceServesEveryCall() throws Exception {
        int before = Tools.instances.get();
        JavaToolset toolset = JavaToolset.of(Tools.class, "Tools.java");
        call(tool(toolset, "add"), "{\"a\":1,\"b\":2}");
        call(tool(toolset, "read_note"), "{\"title\":\"t\"}");
        assertThat(Tools.instances.get() - before).isEqualTo(1);
        assertThat(call(tool(JavaToolset.of(OnlyStatic.class, "x"), "hello"), "{}")
                        .content())
                .isEqualTo("hi");
    }

    @Test
    void preApprovedToolsAreAllowedAndOthersAsked() {
        JavaToolset toolset = JavaToolset.of(Tools.class, "Tools.java");
        assertThat(tool(toolset, "read_note").approvalDefault()).isEqualTo(ApprovalDefault.ALLOW);
        assertThat(tool(toolset, "add").approvalDefault()).isEqualTo(ApprovalDefault.ASK);
    }

    @Test
    void twoToolsOfOneNameAreRefusedNamingBothMethods() {
        assertThatThrownBy(() -> JavaToolset.of(Overloaded.class, "Overloaded.java"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("Overloaded.java: two @Tool methods are named 'add'")
                .hasMessageContaining("add(double, double)")
                .hasMessageContaining("add(int, int)");
    }

    @Test
    void classesThatCannotOfferToolsAreRefused() {
        assertThatThrownBy(() -> JavaToolset.of(Plain.class, "Plain.java"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("has no method marked @Tool");
        assertThatThrownBy(() -> JavaToolset.of(Hidden.class, "Hidden.java"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("secret() must be public");
        assertThatThrownBy(() -> JavaToolset.of(NoConstructor.class, "NoConstructor.java"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("public constructor without parameters");
        assertThatThrownBy(() -> JavaToolset.of(BadName.class, "BadName.java"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'read note' must be");
    }

    @Test
    void closingTheToolsetClosesTheInstanceAndResourcesOnce() {
        AtomicInteger resources = new AtomicInteger();
        JavaToolset toolset = JavaToolset.of(Closing.class, "Closing.java", resources::incrementAndGet);
        int before = Closing.closed.get();
        toolset.close();
        toolset.close();
        assertThat(Closing.closed.get() - before).isEqualTo(1);
        assertThat(resources.get()).isEqualTo(1);
    }

    /** Tools with a dependency handed in, as a library user writes them: no no-arg constructor. */
    public static class Greeter implements AutoCloseable {
        private final String greeting;
        final AtomicInteger closed = new AtomicInteger();

        public Greeter(String greeting) {
            this.greeting = greeting;
        }

        @dev.marble.tool.annotation.Tool("Greets someone")
        public String greet(@Param("who") String name) {
            return greeting + ", " + name;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void anInstanceGivesItsToolsWithWhatWasInjectedAndStaysTheCallersToClose() throws Exception {
        Greeter greeter = new Greeter("Hello");
        JavaToolset toolset = JavaToolset.of(greeter);

        assertThat(toolset.name()).isEqualTo("Greeter");
        assertThat(call(tool(toolset, "greet"), "{\"name\":\"Ada\"}").content()).isEqualTo("Hello, Ada");
        assertThat(tool(toolset, "greet").approvalDefault()).isEqualTo(ApprovalDefault.ASK);
        toolset.close();
        assertThat(greeter.closed.get())
                .as("the caller made it, the caller closes it")
                .isZero();
    }

    @Test
    void anAnonymousInstanceWorksAndAClassGivenAsAnInstanceIsTakenAsTheClass() throws Exception {
        Object tools = new Object() {
            @dev.marble.tool.annotation.Tool("Says hi")
            public String hi() {
                return "hi";
            }
        };
        JavaToolset anonymous = JavaToolset.of(tools);
        assertThat(anonymous.name()).startsWith(JavaToolsetTest.class.getName() + "$");
        assertThat(call(tool(anonymous, "hi"), "{}").content()).isEqualTo("hi");

        Object type = OnlyStatic.class;
        assertThat(JavaToolset.of(type).name()).isEqualTo("OnlyStatic");
        assertThat(call(tool(JavaToolset.of(type), "hello"), "{}").content()).isEqualTo("hi");
    }

    @Test
    void anInstanceWithoutToolsIsRefusedAsAClassIs() {
        assertThatThrownBy(() -> JavaToolset.of(new Plain()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("Plain: class")
                .hasMessageContaining("has no method marked @Tool");
        assertThatThrownBy(() -> JavaToolset.of(new Hidden()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("secret() must be public");
    }

    /** The library API's spelling of the annotations, as a user of dev.marble.api writes them. */
    public static class ApiTools {
        @dev.marble.api.Tool(name = "look_up", value = "Looks a word up", preApproved = true)
        public String lookUp(
                @dev.marble.api.Param("the word") String word,
                @dev.marble.api.Param(value = "how many", required = false) int count) {
            return word + count;
        }

        @dev.marble.api.Tool("Adds")
        public static int add(int a, @Param("second") int b) {
            return a + b;
        }
    }

    @Test
    void theLibraryApisAnnotationsMeanWhatTheOlderOnesMean() throws Exception {
        JavaToolset toolset = JavaToolset.of(new ApiTools());

        Tool lookUp = tool(toolset, "look_up");
        assertThat(lookUp.spec().description()).isEqualTo("Looks a word up");
        assertThat(lookUp.approvalDefault()).isEqualTo(ApprovalDefault.ALLOW);
        assertThat(lookUp.spec().inputSchema()).isEqualTo(Json.parse("""
                {"type":"object",
                 "properties":{"word":{"type":"string","description":"the word"},
                               "count":{"type":"integer","description":"how many"}},
                 "required":["word"],"additionalProperties":false}"""));
        assertThat(call(lookUp, "{\"word\":\"x\"}").content()).isEqualTo("x0");
        Tool add = tool(toolset, "add");
        assertThat(add.approvalDefault()).isEqualTo(ApprovalDefault.ASK);
        assertThat(add.spec()
                        .inputSchema()
                        .path("properties")
                        .path("b")
                        .path("description")
                        .asString())
                .isEqualTo("second");
        assertThat(JavaToolset.hasTools(ApiTools.class)).isTrue();
    }
}
