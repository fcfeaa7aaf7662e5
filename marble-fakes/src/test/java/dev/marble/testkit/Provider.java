package dev.marble.testkit;

/** The two fakes, with what a test needs to send each a valid request. */
enum Provider {
    ANTHROPIC("/v1/messages", "message_stop") {
        @Override
        FakeModelServer start() {
            return FakeAnthropicServer.start();
        }

        @Override
        String body(boolean stream) {
            return "{\"model\":\"claude-test\",\"max_tokens\":64,\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"ping pong\"}]}";
        }

        @Override
        String[] headers() {
            return new String[] {"anthropic-version", "2023-06-01"};
        }
    },
    OPENAI("/v1/chat/completions", "[DONE]") {
        @Override
        FakeModelServer start() {
            return FakeOpenAiServer.start();
        }

        @Override
        String body(boolean stream) {
            return "{\"model\":\"gpt-test\",\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"ping pong\"}]}";
        }

        @Override
        String[] headers() {
            return new String[] {"authorization", "Bearer sk-test"};
        }
    };

    final String path;
    /** What only a complete stream contains. */
    final String endMarker;

    Provider(String path, String endMarker) {
        this.path = path;
        this.endMarker = endMarker;
    }

    abstract FakeModelServer start();

    abstract String body(boolean stream);

    abstract String[] headers();

    String url(FakeModelServer server) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** The same request for a raw socket. */
    String raw(boolean stream) {
        String[] headers = headers();
        return Wire.rawPost(path, body(stream), headers[0] + ": " + headers[1]);
    }
}
