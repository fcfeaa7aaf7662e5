package dev.marble.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.provider.http.HttpErrors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void valuesOfSecretVariablesAreReplacedByTheirName() {
        SecretRedactor redactor = SecretRedactor.fromEnvironment(
                Map.of("MY_SERVICE_API_KEY", "abcd1234efgh5678", "HOME", "/home/someone", "SHORT_TOKEN", "abc"));
        assertThat(redactor.redact("key=abcd1234efgh5678 at /home/someone, abc"))
                .isEqualTo("key=[redacted:MY_SERVICE_API_KEY] at /home/someone, abc");
    }

    @Test
    void knownTokenShapesAreRemovedWhereverTheyAppear() {
        SecretRedactor redactor = new SecretRedactor();
        assertThat(redactor.redact("x-api-key: sk-ant-api03-AbCdEf1234567890")).doesNotContain("AbCdEf1234567890");
        assertThat(redactor.redact("OPENAI sk-proj-abcdefghijklmnopqrstuv done"))
                .isEqualTo("OPENAI [redacted] done");
        assertThat(redactor.redact("Authorization: Bearer abcdefghijklmnop.qrs"))
                .isEqualTo("Authorization: Bearer [redacted]");
        assertThat(redactor.redact("bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0 here"))
                .isEqualTo("bot [redacted] here");
        assertThat(redactor.redact("{\"x-api-key\": \"0123456789abcdef\"}"))
                .isEqualTo("{\"x-api-key\": \"[redacted]\"}");
    }

    @Test
    void thePrefiltersLetThroughEveryWayTheseTokensAreWritten() {
        SecretRedactor redactor = new SecretRedactor();
        // a timestamp and a file:line before the bot token: only six digits before a colon make a candidate
        assertThat(redactor.redact("12:34:56 Main.java:42: bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"))
                .isEqualTo("12:34:56 Main.java:42: bot [redacted]");
        assertThat(redactor.redact("claude-sonnet-4-6, X-Api-Key: 0123456789abcdef"))
                .isEqualTo("claude-sonnet-4-6, X-Api-Key: [redacted]");
        assertThat(redactor.redact("X-API-KEY=0123456789abcdef")).isEqualTo("X-API-KEY=[redacted]");
        assertThat(redactor.redact("AUTHORIZATION: BEARER abcdefghijklmnop"))
                .isEqualTo("AUTHORIZATION: BEARER [redacted]");
        assertThat(redactor.redact("task_live_ stack_test_ then rk_live_0123456789abcdef"))
                .isEqualTo("task_live_ stack_test_ then [redacted]");
    }

    @Test
    void registeredValuesAreRedactedToo() {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register("LAB_KEY", "plain-looking-secret");
        assertThat(redactor.redact("using plain-looking-secret now")).isEqualTo("using [redacted:LAB_KEY] now");
    }

    @Test
    void theStartOfASecretLeftWhereAMessageWasShortenedIsRedactedToo() {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register("LAB_KEY", "lab-0123456789-abcdefghij");
        String body = "{\"error\":{\"type\":\"invalid\",\"message\":\"" + "x".repeat(270)
                + " your key lab-0123456789-abcdefghij\"}}";
        String shortened = HttpErrors.detail(body);
        assertThat(shortened)
                .as("the cut falls inside the key")
                .contains("lab-0123")
                .doesNotContain("abcdefghij");
        assertThat(redactor.redact(shortened))
                .endsWith("your key [redacted:LAB_KEY]…")
                .doesNotContain("lab-0123");
        assertThat(redactor.redact("the run ends at lab-0123456789-abc..."))
                .isEqualTo("the run ends at [redacted:LAB_KEY]...");
    }

    @Test
    void shortOrForeignEndingsAreLeftAlone() {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register("LAB_KEY", "lab-0123456789-abcdefghij");
        assertThat(redactor.redact("a label lab-012"))
                .as("fewer than eight characters")
                .isEqualTo("a label lab-012");
        assertThat(redactor.redact("lab-01234567-other…")).isEqualTo("lab-01234567-other…");
    }

    @Test
    void maskShowsNothingOfTheValue() {
        assertThat(SecretRedactor.mask("sk-ant-123456")).doesNotContain("sk").doesNotContain("456");
        assertThat(SecretRedactor.mask(null)).isEqualTo("(not set)");
    }
}
