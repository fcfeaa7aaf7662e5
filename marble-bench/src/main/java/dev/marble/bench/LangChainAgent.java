package dev.marble.bench;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LangChain4j, set up once as its documentation shows: an {@code OpenAiChatModel} pointed at the fake, and an
 * {@code AiServices} proxy with one {@code @Tool} method. {@link #run()} is one {@link RunShape} run: one call
 * of the proxy, which makes the three model calls and the two tool calls itself.
 */
final class LangChainAgent implements BenchAgent {

    /** The AI service: one method, one run. */
    interface Assistant {
        @SystemMessage(RunShape.INSTRUCTIONS)
        String chat(String goal);
    }

    /**
     * The tool, counted so the harness can check two calls per run. LangChain4j names the argument after the
     * parameter, which needs {@code -parameters} (the parent pom sets it): the fake's calls send {@code step}.
     */
    static final class Tools {
        final AtomicLong calls = new AtomicLong();

        @Tool("Looks a step up.")
        public String lookup(long step) {
            calls.incrementAndGet();
            return RunShape.lookup(step);
        }
    }

    private final Assistant assistant;
    private final Tools tools = new Tools();

    LangChainAgent(String baseUrl) {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey("bench-key-123456")
                .modelName("gpt-4.1-mini")
                .build();
        this.assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(tools)
                .build();
    }

    /** One run; null when it went as planned, else what went wrong. */
    @Override
    public String run() {
        String answer = assistant.chat(RunShape.GOAL);
        return RunShape.ANSWER.equals(answer) ? null : "answer " + answer;
    }

    /** Tool calls made so far, all runs together. */
    @Override
    public long toolCalls() {
        return tools.calls.get();
    }
}
