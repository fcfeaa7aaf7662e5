package dev.marble.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Everything about a call besides its content. All fields are optional: null means "the provider's
 * default". {@code extra} carries options Marble has no name for ({@code -o KEY VALUE}); providers
 * copy them into the request body as given.
 */
public record ChatOptions(
        Integer maxTokens,
        Double temperature,
        Double topP,
        List<String> stopSequences,
        Integer thinkingBudgetTokens,
        boolean promptCaching,
        Duration timeout,
        Session session,
        Path workingDirectory,
        Map<String, JsonNode> extra,
        List<ServerTool> serverTools) {

    public static final ChatOptions DEFAULTS = builder().build();

    public ChatOptions {
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        serverTools = serverTools == null ? List.of() : List.copyOf(serverTools);
    }

    /**
     * A conversation that lives inside the provider (the Claude Code CLI keeps its own). Marble
     * chooses the id, so a session never depends on the directory it was started in.
     *
     * @param resume      the session exists: continue it (else start it under {@code id})
     * @param forkLatest  start it as a copy of the most recent conversation of the working directory (llmauto
     *                    continued sessions that way, by folder, not by id); from then on it is resumed by {@code id}
     */
    public record Session(String id, boolean resume, boolean forkLatest) {

        public Session(String id, boolean resume) {
            this(id, resume, false);
        }

        public Session {
            if (resume && forkLatest) throw new IllegalArgumentException("a session is resumed or forked, not both");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxTokens = maxTokens;
        b.temperature = temperature;
        b.topP = topP;
        b.stopSequences = stopSequences;
        b.thinkingBudgetTokens = thinkingBudgetTokens;
        b.promptCaching = promptCaching;
        b.timeout = timeout;
        b.session = session;
        b.workingDirectory = workingDirectory;
        b.extra.putAll(extra);
        b.serverTools = serverTools;
        return b;
    }

    public static final class Builder {
        private Integer maxTokens;
        private Double temperature;
        private Double topP;
        private List<String> stopSequences = List.of();
        private Integer thinkingBudgetTokens;
        private boolean promptCaching;
        private Duration timeout;
        private Session session;
        private Path workingDirectory;
        private final Map<String, JsonNode> extra = new LinkedHashMap<>();
        private List<ServerTool> serverTools = List.of();

        public Builder maxTokens(Integer v) {
            maxTokens = v;
            return this;
        }

        public Builder temperature(Double v) {
            temperature = v;
            return this;
        }

        public Builder topP(Double v) {
            topP = v;
            return this;
        }

        public Builder stopSequences(List<String> v) {
            stopSequences = v;
            return this;
        }

        public Builder thinkingBudgetTokens(Integer v) {
            thinkingBudgetTokens = v;
            return this;
        }

        public Builder promptCaching(boolean v) {
            promptCaching = v;
            return this;
        }

        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        public Builder session(Session v) {
            session = v;
            return this;
        }

        public Builder workingDirectory(Path v) {
            workingDirectory = v;
            return this;
        }

        public Builder extra(String key, JsonNode value) {
            extra.put(key, value);
            return this;
        }

        /** Tools the provider runs itself; a provider that cannot run them refuses the run. */
        public Builder serverTools(List<ServerTool> v) {
            serverTools = v;
            return this;
        }

        public ChatOptions build() {
            return new ChatOptions(
                    maxTokens,
                    temperature,
                    topP,
                    stopSequences,
                    thinkingBudgetTokens,
                    promptCaching,
                    timeout,
                    session,
                    workingDirectory,
                    extra,
                    serverTools);
        }
    }
}
