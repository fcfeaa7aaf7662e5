package dev.marble.agent;

import dev.marble.json.Json;
import java.io.OutputStream;
import tools.jackson.databind.JsonNode;

/**
 * The size of a tool call's arguments, as JSON. A model can write arguments of any size (a
 * 500 MB {@code content} for write_file); they are refused before a tool sees them, and counting
 * stops at the limit, so measuring a huge value costs no more than measuring the limit.
 */
final class ArgumentSize {

    /** The most a tool call's arguments may take, written as JSON in UTF-8. */
    static final int LIMIT_BYTES = 1024 * 1024;

    static final String SHOWN_LIMIT = "1 MiB";

    private ArgumentSize() {}

    /** Whether {@code arguments} take more than {@code limit} bytes as JSON. */
    static boolean exceeds(JsonNode arguments, long limit) {
        try {
            Json.mapper().writeValue(new Counter(limit), arguments);
            return false;
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof Counter.Full) return true; // Jackson may wrap what the stream threw
            }
            throw e;
        }
    }

    /** Counts bytes written and fails once there are more than the limit: nothing is kept. */
    private static final class Counter extends OutputStream {

        static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }

        private final long limit;
        private long count;

        Counter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            add(len);
        }

        private void add(int n) {
            count += n;
            if (count > limit) throw new Full();
        }
    }
}
