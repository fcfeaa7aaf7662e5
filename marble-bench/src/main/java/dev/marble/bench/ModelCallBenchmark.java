package dev.marble.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per model call with JMH: the floor, Marble's call path, and Marble with its journal
 * ({@link CallRig} says what each is). JMH runs them one after another, minutes apart; on a noisy
 * machine drift between them can exceed the differences, so {@link PairedModelCalls} compares them
 * interleaved in one run, and the README's ratios come from it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"})
public class ModelCallBenchmark {

    /** Which wire protocol: the fake server and Marble's provider change together. */
    @Param({"openai", "anthropic"})
    public String protocol;

    /** Whether the answer streams (SSE) or comes whole (JSON). */
    @Param({"false", "true"})
    public boolean stream;

    private CallRig rig;

    @Setup(Level.Trial)
    public void start() {
        rig = new CallRig(protocol, stream);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        rig.close();
    }

    @Benchmark
    public Object floor() throws IOException, InterruptedException {
        return rig.floor();
    }

    @Benchmark
    public Object marble() {
        return rig.marble();
    }

    @Benchmark
    public Object marbleJournaled() {
        return rig.marbleJournaled();
    }
}
