package dev.marble.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One GGUF model in memory, with llama.cpp's single slot. Calls take turns ({@link #lock()}): one slot
 * keeps one conversation's prompt in its cache, so the next turn of that conversation only processes
 * what is new. {@link #cachedTokens()} remembers what the slot holds, to report cache reuse.
 */
final class LoadedModel implements AutoCloseable {

    private final LocalModelSpec spec;
    private final GgufFile file;
    private final int contextSize;
    private final LlamaModel llama;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final long loadNanos;
    private int[] cachedTokens = new int[0];

    private LoadedModel(LocalModelSpec spec, GgufFile file, int contextSize, LlamaModel llama, long loadNanos) {
        this.spec = spec;
        this.file = file;
        this.contextSize = contextSize;
        this.llama = llama;
        this.loadNanos = loadNanos;
    }

    static LoadedModel load(LocalModelSpec spec, GgufFile file) {
        int contextSize = contextSize(spec, file);
        ModelParameters parameters = new ModelParameters()
                .setModel(spec.path().toString())
                .setCtxSize(contextSize)
                .setThreads(spec.threads())
                .setThreadsBatch(spec.threads())
                .setParallel(1)
                // The model's own Jinja template formats prompts; no context shift, so a call that fills the
                // context ends instead of silently forgetting its beginning; no log on standard error.
                .enableJinja()
                .disableContextShift()
                .skipWarmup()
                .disableLog();
        // Only where asked: llama.cpp warns on standard error about a GPU flag when it has no GPU.
        if (spec.gpuLayers() > 0) parameters.setGpuLayers(spec.gpuLayers());
        long start = System.nanoTime();
        try {
            LlamaModel llama = new LlamaModel(parameters);
            return new LoadedModel(spec, file, contextSize, llama, System.nanoTime() - start);
        } catch (RuntimeException e) {
            throw new LocalModelException(
                    spec.path() + ": llama.cpp could not load this model (" + file.architecture()
                            + "; an architecture it does not know, or a damaged file): " + e.getMessage(),
                    e);
        }
    }

    private static int contextSize(LocalModelSpec spec, GgufFile file) {
        if (spec.contextSize() != null) return spec.contextSize();
        long trained = file.trainedContext().orElse((long) LocalModelSpec.DEFAULT_CONTEXT_CAP);
        return (int) Math.min(trained, LocalModelSpec.DEFAULT_CONTEXT_CAP);
    }

    LlamaModel llama() {
        return llama;
    }

    GgufFile file() {
        return file;
    }

    LocalModelSpec spec() {
        return spec;
    }

    int contextSize() {
        return contextSize;
    }

    ReentrantLock lock() {
        return lock;
    }

    long loadNanos() {
        return loadNanos;
    }

    /** Tokens in the slot's cache after the last call (its prompt and what it generated); guarded by the lock. */
    int[] cachedTokens() {
        return cachedTokens;
    }

    void cachedTokens(int[] tokens) {
        cachedTokens = tokens;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            llama.close();
        } finally {
            lock.unlock();
        }
    }
}
