package dev.marble.provider.claudecode;

import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.BuiltInProvider;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import java.util.List;

/** {@code claude-code:MODEL}: the Claude Code CLI, where MODEL is whatever its {@code --model} accepts. */
public final class ClaudeCodeProviderFactory implements ProviderFactory {

    @Override
    public String type() {
        return "claude-code";
    }

    @Override
    public List<BuiltInProvider> builtIns(Environment env) {
        return List.of(new BuiltInProvider(
                new ProviderSpec("claude-code", type(), null, null, "sonnet", false, BuiltInProvider.ORIGIN), 30));
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        return new ClaudeCodeChatModel(
                new ModelRef(spec.name(), model),
                ClaudeCodeSettings.from(context.config()),
                context.environment(),
                context.defaultTimeout());
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        String command = ClaudeCodeSettings.from(context.config()).command();
        return context.environment()
                .findExecutable(command)
                .map(path -> Availability.yes(path.toString()))
                .orElse(Availability.no("'" + command + "' is not on PATH"));
    }
}
