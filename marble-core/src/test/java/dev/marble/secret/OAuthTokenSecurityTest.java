package dev.marble.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunLimits;
import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ConversationJson;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth tokens against a hostile model: it reads the token file, and looks for a token copied into a variable of an
 * innocent name. Tokens no vendor pattern matches, so only their registration can redact them. Real files, a real
 * {@code /bin/sh}, a scripted model, the run's real journal.
 */
class OAuthTokenSecurityTest {

    private static final String ACCESS = "plainOAuthAccessValue0123456789";
    private static final String REFRESH = "plainOAuthRefreshValue0123456789";

    @TempDir
    Path temp;

    @Test
    void aModelThatReadsTheTokenFileOrACopiedTokenSeesNeitherTokenAndTheJournalKeepsNone() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        Path home = Files.createDirectories(temp.resolve("home"));
        new OAuthTokenStore(home.resolve(".config/marble/oauth.json"), new SecretRedactor())
                .save("anthropic", new OAuthTokens(ACCESS, REFRESH, Instant.parse("2030-01-01T00:00:00Z")));
        // a copy where the tools can reach it (the shell tool may not see the home directory)
        Files.copy(home.resolve(".config/marble/oauth.json"), project.resolve("oauth-backup.json"));
        Files.writeString(project.resolve("replies.yaml"), """
                - tool_calls: [{name: run_command, arguments: {command: "cat oauth-backup.json"}}]
                - tool_calls: [{name: run_command, arguments: {command: "echo copied=$INNOCENT_LOOKING"}}]
                - text: done
                """);
        Environment environment = new Environment(
                Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "INNOCENT_LOOKING", ACCESS), project, home);

        AgentResult result;
        String journal;
        try (Marble marble = Marble.start(environment, warning -> {})) {
            assertThat(marble.toolEnvironment().variables()).doesNotContainKey("INNOCENT_LOOKING");
            result = marble.agentRun(
                            new AgentSpec(
                                    "t",
                                    new ModelRef("scripted", "replies.yaml"),
                                    List.of(),
                                    null,
                                    ChatOptions.DEFAULTS,
                                    RunLimits.DEFAULTS),
                            ToolRegistry.of(List.of(BuiltinToolsets.shell())),
                            ApprovalGate.allowingEverything(),
                            RunControl.HEADLESS,
                            project,
                            "test")
                    .run(List.of(), "Go.");
        }
        List<String> results = result.conversation().stream()
                .flatMap(m -> m.parts().stream())
                .filter(Part.ToolResult.class::isInstance)
                .map(p -> ((Part.ToolResult) p).content())
                .toList();
        assertThat(results.get(0))
                .contains("[redacted:ANTHROPIC_OAUTH_ACCESS_TOKEN]", "[redacted:ANTHROPIC_OAUTH_REFRESH_TOKEN]")
                .doesNotContain(ACCESS, REFRESH);
        assertThat(results.get(1)).contains("copied=\n").doesNotContain(ACCESS);
        assertThat(Json.write(ConversationJson.messages(result.conversation(), true)))
                .doesNotContain(ACCESS, REFRESH);
        try (var files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.equals(OAuthTokenStore.FILE_NAME) || name.equals("oauth-backup.json")) continue;
                assertThat(Files.readAllBytes(file))
                        .as("%s holds no token", file)
                        .asString(java.nio.charset.StandardCharsets.ISO_8859_1)
                        .doesNotContain(ACCESS, REFRESH);
            }
        }
    }
}
