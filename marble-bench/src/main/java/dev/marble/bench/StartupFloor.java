package dev.marble.bench;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor of Marble's start-up ({@code build/bench.sh --startup}): the least a Java command line built on
 * Marble's two libraries does. It parses its arguments with picocli and reads and writes JSON with Jackson,
 * nothing else. It is packaged alone with them ({@code marble-bench/target/startup-floor.jar}) and started as
 * {@code ./marble} starts Marble: same JDK, same JVM options, a start-up cache of its own. Whatever a short
 * Marble command costs beyond it is Marble's.
 */
@Command(
        name = "hello",
        mixinStandardHelpOptions = true,
        version = "hello 1.0",
        description = "Greets: picocli parses the command line, Jackson reads a setting and writes the answer.")
public final class StartupFloor implements Callable<Integer> {

    private final PrintStream out;

    @Parameters(arity = "0..1", defaultValue = "world", description = "Who to greet.")
    String name;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    private StartupFloor(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode settings = mapper.readTree("{\"greeting\": \"hello\"}");
        ObjectNode answer =
                mapper.createObjectNode().put("text", settings.get("greeting").asString() + ", " + name);
        out.println(
                json ? mapper.writeValueAsString(answer) : answer.get("text").asString());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    static int run(PrintStream out, String... args) {
        return new CommandLine(new StartupFloor(out)).execute(args);
    }
}
