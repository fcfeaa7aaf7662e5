package dev.marble.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connection against Temporal's own test server, standalone on loopback in a JVM of its own. */
class TemporalConnectionIT {

    private static TemporalServerProcess server;

    @BeforeAll
    static void startServer() throws IOException {
        server = TemporalServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @WorkflowInterface
    public interface Greeting {
        @WorkflowMethod
        String greet(String name);
    }

    public static class GreetingImpl implements Greeting {
        @Override
        public String greet(String name) {
            return "hello " + name;
        }
    }

    @Test
    void theTestServerListensOnLoopbackOnly() {
        assertThat(server.address()).startsWith("127.0.0.1:");
    }

    @Test
    void aClientAndAWorkerRunAWorkflowThroughTheServer() {
        try (TemporalConnection connection = TemporalConnection.open(settings(server.address()))) {
            WorkerFactory factory = WorkerFactory.newInstance(connection.client());
            Worker worker = factory.newWorker("smoke");
            worker.registerWorkflowImplementationTypes(GreetingImpl.class);
            factory.start();
            try {
                Greeting greeting = connection
                        .client()
                        .newWorkflowStub(
                                Greeting.class,
                                WorkflowOptions.newBuilder()
                                        .setTaskQueue("smoke")
                                        .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                                        .build());

                assertThat(greeting.greet("marble")).isEqualTo("hello marble");
                assertThat(connection.describe()).isEqualTo("temporal: " + server.address() + " (namespace default)");
            } finally {
                factory.shutdownNow();
            }
        }
    }

    @Test
    void anUnreachableServerIsNamedWithWhatToDo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free once closed: nothing listens there
        }
        TemporalSettings nowhere = new TemporalSettings(
                "127.0.0.1:" + closed,
                "default",
                "marble",
                TemporalTls.NONE,
                new TemporalTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> TemporalConnection.open(nowhere))
                .isInstanceOf(TemporalConnection.UnreachableServerException.class)
                .hasMessageStartingWith("cannot reach the Temporal server at 127.0.0.1:" + closed)
                .hasMessageContaining("TEMPORAL_ADDRESS");
    }

    static TemporalSettings settings(String address) {
        return new TemporalSettings(address, "default", "marble", TemporalTls.NONE, TemporalTimeouts.DEFAULT);
    }
}
