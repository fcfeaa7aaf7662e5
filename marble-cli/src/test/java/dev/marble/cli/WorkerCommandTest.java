package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.api.WorkerReport;
import dev.marble.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code marble worker --status} and the Temporal paths of {@code marble chain} that need no server: the workers'
 * status files read back, and an engine that cannot be had (not built, or its server not answering) as exit 8 on
 * one line. The engine itself is tested end to end in marble-temporal (ChainOnTemporalIT).
 */
class WorkerCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("marble.json", "{}");
        cli.write(
                "chains/c.json",
                "{\"links\": [{\"name\": \"w\", \"model\": \"sonnet\", \"prompt\": \"do the work\"}]}");
    }

    @Test
    void statusSaysWhenNoWorkerRanHere() {
        var result = cli.run("worker", "--status");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("No worker has run in this project");
    }

    @Test
    void statusReadsTheWorkersFilesAndTellsAGoneWorkerFromARunningOne() {
        Path reports = WorkerReport.directory(cli.project().resolve(".marble"));
        long gone = ProcessHandle.current().pid() + 1_000_000; // no such process
        new WorkerReport(
                        "w1",
                        ProcessHandle.current().pid(),
                        host(),
                        "temporal: 127.0.0.1:7233 (namespace default)",
                        "marble",
                        "marble@w1",
                        "SERVING",
                        4,
                        12,
                        "2026-01-01T00:00:00Z",
                        "2026-01-01T00:01:00Z",
                        List.of(new WorkerReport.Work(
                                "marble-chain/ab/c", "MarbleChainRunLink", "2026-01-01T00:00:30Z")))
                .write(reports.resolve("w1.json"));
        new WorkerReport("w2", gone, host(), "s", "marble", "marble@w2", "SERVING", 1, 0, "t", "t", List.of())
                .write(reports.resolve("w2.json"));

        var text = cli.run("worker", "--status");
        JsonNode json = Json.parse(cli.run("worker", "--status", "--json").out());

        assertThat(text.out())
                .contains("w1 (pid " + ProcessHandle.current().pid())
                .contains("SERVING")
                .contains("MarbleChainRunLink for marble-chain/ab/c")
                .contains("w2 (pid " + gone)
                .contains("GONE");
        assertThat(json.get(0).get("own_queue").asString()).isEqualTo("marble@w1");
        assertThat(json.get(0).get("running").get(0).get("workflow_id").asString())
                .isEqualTo("marble-chain/ab/c");
        assertThat(json.get(1).get("state").asString()).isEqualTo("GONE");
    }

    @Test
    void aChainStartOnAnEngineThatCannotBeHadIsExit8OnOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var result =
                cli.run("chain", "start", "c", "--engine", "temporal", "--temporal-address", "127.0.0.1:" + closed);

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).containsAnyOf("cannot reach the Temporal server", "engine is not built");
    }

    @Test
    void aChainFileThatNamesTemporalStartsThereWithoutTheFlag() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        cli.write("marble.json", "{\"temporal\": {\"address\": \"127.0.0.1:" + closed + "\"}}");
        cli.write("chains/t.json", "{\"engine\": \"temporal\", \"links\": [{\"name\": \"w\", \"model\": \"sonnet\"}]}");

        var result = cli.run("chain", "start", "t");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(cli.project().resolve("state/t/handoff.md"))
                .as("nothing ran locally")
                .doesNotExist();
    }

    @Test
    void aChainFileWithAnUnknownEngineIsMalformedAndSaysWhere() throws IOException {
        cli.write("chains/s.json", "{\n  \"engine\": \"spark\",\n  \"links\": [{\"name\": \"w\"}]\n}");

        var result = cli.run("chain", "start", "s");

        assertThat(result.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("s.json:2").contains("engine").contains("temporal");
    }

    @Test
    void aReportOfAChainOnTemporalIsTheJournalsWhenTheServerIsDown() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        cli.write("marble.json", "{\"temporal\": {\"address\": \"127.0.0.1:" + closed + "\"}}");
        cli.write("state/c/engine.txt", "temporal\nmarble-chain/x/c\n");

        var report = cli.run("chain", "report", "c");

        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.err()).contains("marble: warning:").contains("the report shows what the journal holds");
        var status = cli.run("chain", "status", "c");
        assertThat(status.exit())
                .as("status asks the engine, and says when it cannot")
                .isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        var result = cli.run("chain", "start", "c", "--engine", "spark");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--engine spark is not known: expected local or temporal");
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
