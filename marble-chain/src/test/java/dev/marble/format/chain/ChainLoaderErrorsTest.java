package dev.marble.format.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marble.chain.ChainFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mistake in a chain file is one line: {@code file:line:column: field: expected ...}. Each case
 * is a one-line file, so the column can be counted by eye.
 */
class ChainLoaderErrorsTest {

    @TempDir
    Path temp;

    private Path file;

    private ChainFileException error(String json) throws IOException {
        file = Files.writeString(temp.resolve("broken.json"), json);
        return catchThrowableOfType(ChainFileException.class, () -> ChainLoader.load(file, List.of(), temp));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # file                                                          | location and problem
            [1]                                                             | 1:1: expected a JSON object at the top level, got a list
            {"mode": "loop"}                                                | 1:1: missing required key "links" (a list where each item is an object)
            {"links": []}                                                   | 1:11: links: expected at least one link, got an empty list
            {"links": [{}, "worker"]}                                       | 1:16: links[1]: expected an object, got "worker"
            {"links": [{}], "mode": "conditional"}                          | 1:25: mode: expected one of deadend, loop, once, got "conditional"
            {"links": [{}], "max_rounds": -1}                               | 1:31: max_rounds: expected an integer from 0 to 2147483647, got -1
            {"links": [{}], "max_rounds": 1000000000000}                    | 1:31: max_rounds: expected an integer from 0 to 2147483647, got 1000000000000
            {"links": [{}], "runtime_hours": "2"}                           | 1:34: runtime_hours: expected a number of at least 0.0, got "2"
            {"links": [{}], "max_consecutive_blocks": 2.5}                  | 1:43: max_consecutive_blocks: expected an integer from 0 to 2147483647, got 2.5
            {"links": [{}], "pause_seconds": -5}                            | 1:34: pause_seconds: expected a number of at least 0.0, got -5
            {"links": [{}], "skip_protection": "no"}                        | 1:36: skip_protection: expected true or false, got "no"
            {"links": [{}], "budget_usd": -0.01}                            | 1:31: budget_usd: expected a number of at least 0.0, got -0.01
            {"links": [{}], "deadline": "31.03.2026"}                       | 1:29: deadline: expected an ISO date like 2026-03-31, got "31.03.2026"
            {"links": [{}], "deadline": 20260331}                           | 1:29: deadline: expected a string, got 20260331
            {"links": [{}, {}, {"model": 42}]}                              | 1:30: links[2].model: expected a string, got 42
            {"links": [{"continue": "yes"}]}                                | 1:25: links[0].continue: expected true or false, got "yes"
            {"links": [{"tools": ["read_file", 1]}]}                        | 1:36: links[0].tools[1]: expected a string, got 1
            {"links": [{"timeout_seconds": 0}]}                             | 1:32: links[0].timeout_seconds: expected an integer from 1 to 2147483647, got 0
            {"links": [{"budget_usd": -1}]}                                 | 1:27: links[0].budget_usd: expected a number of at least 0.0, got -1
            {"links": [{"name": "../escape"}]}                              | 1:21: links[0].name: expected a name usable in file names (not blank, no / or \\, not . or ..), got "../escape"
            {"links": [{"name": " "}]}                                      | 1:21: links[0].name: expected a name usable in file names (not blank, no / or \\, not . or ..), got " "
            {"links": [{}], "defaults": {"timeout_seconds": "3600"}}        | 1:49: defaults.timeout_seconds: expected an integer from 1 to 2147483647, got "3600"
            {"links": [{}], "defaults": {"allowed_tools": "Read,Edit"}}     | 1:47: defaults.allowed_tools: expected a list where each item is a string, got "Read,Edit"
            {"links": [{}], "defaults": []}                                 | 1:29: defaults: expected an object, got a list
            {"links": [{}], "telegram": {"enabled": "yes"}}                 | 1:41: telegram.enabled: expected true or false, got "yes"
            {"links": [{}], "telegram": {"update_every_n_links": -2}}       | 1:54: telegram.update_every_n_links: expected an integer from 0 to 2147483647, got -2
            {"links": [{}], "webhook": {"headers": {}}}                     | 1:28: webhook: missing required key "url" (a string)
            {"links": [{}], "webhook": {"url": "ftp://example.test/x"}}     | 1:36: webhook.url: expected an absolute http:// or https:// URL
            {"links": [{}], "webhook": {"url": "/relative"}}                | 1:36: webhook.url: expected an absolute http:// or https:// URL
            {"links": [{}], "webhook": {"url": "http://x.test", "headers": {"Host": "y"}}} | 1:65: webhook.headers.Host: expected an HTTP header name that Marble may set (letters, digits and -; not Host, Connection, Content-Length, Expect or Upgrade)
            {"links": [{}], "webhook": {"url": "http://x.test", "headers": {"X-N": 1}}}    | 1:72: webhook.headers.X-N: expected a string, got 1
            {"links": [{}], "prompts": ["a"]}                               | 1:28: prompts: expected an object mapping each prompt key to a string or a {"type": ...} object, got a list
            {"links": [{}], "prompts": {"k": 42}}                           | 1:34: prompts.k: expected a string or an object with "type" (one of file, inline, template), got 42
            {"links": [{}], "prompts": {"k": {"path": "x"}}}                | 1:34: prompts.k: missing required key "type" (one of file, inline, template)
            {"links": [{}], "prompts": {"k": {"type": "script"}}}           | 1:43: prompts.k.type: expected one of file, inline, template, got "script"
            {"links": [{}], "prompts": {"k": {"type": 1}}}                  | 1:43: prompts.k.type: expected one of file, inline, template, got 1
            {"links": [{}], "prompts": {"k": {"type": "file"}}}             | 1:34: prompts.k: missing required key "path" (a string)
            {"links": [{}], "prompts": {"k": {"type": "file", "path": ""}}} | 1:59: prompts.k.path: expected a file path, got ""
            {"links": [{}], "prompts": {"k": {"type": "inline", "content": ["x"]}}} | 1:64: prompts.k.content: expected a string, got a list
            {"links": [{}], "prompts": {"k": {"type": "template"}}}         | 1:34: prompts.k: missing required key "template" (a string with {{name}} variables)
            {"links": [{}], "prompts": {"k": {"type": "template", "template": "{{a}}", "a": {}}}} | 1:81: prompts.k.a: expected a template variable's value (a string, number or true/false), got an object
            """)
    void aMistakeIsOneLineWithFileLineColumnFieldAndWhatWasExpected(String json, String expected) throws IOException {
        ChainFileException e = error(json);
        assertThat(e).as("no error for %s", json).isNotNull();
        assertThat(e.getMessage()).isEqualTo(file.toAbsolutePath() + ":" + expected);
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void aFileThatIsNotJsonNamesWhereTheParserStopped() throws IOException {
        ChainFileException e = error("{\"links\": [{}],\n \"mode\": }");
        assertThat(e.getMessage()).startsWith(file.toAbsolutePath() + ":2:10: not valid JSON: ");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotALastOneWins() throws IOException {
        ChainFileException e = error("{\"links\": [{}], \"mode\": \"once\", \"mode\": \"loop\"}");
        assertThat(e.getMessage())
                .startsWith(file.toAbsolutePath() + ":1:")
                .contains("not valid JSON: Duplicate")
                .contains("mode");
    }

    @Test
    void anEmptyFileAndAMissingFileAreChainFileErrors() throws IOException {
        assertThat(error("  ").getMessage())
                .isEqualTo(file.toAbsolutePath() + ": the file is empty; expected a JSON object");
        assertThatThrownBy(() -> ChainLoader.load(temp.resolve("absent.json"), List.of(), temp))
                .isInstanceOf(ChainFileException.class)
                .hasMessage(temp.resolve("absent.json").toAbsolutePath() + ": file not found");
    }

    @Test
    void aBotTokenPastedWhereItsVariableNameBelongsIsRejectedWithoutRepeatingIt() throws IOException {
        String token = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0";
        ChainFileException e = error("{\"links\": [{}], \"telegram\": {\"bot_token_env\": \"" + token + "\"}}");
        assertThat(e.getMessage())
                .isEqualTo(file.toAbsolutePath() + ":1:47: telegram.bot_token_env: expected the name of "
                        + "an environment variable (like MARBLE_TELEGRAM_BOT_TOKEN) that holds the bot "
                        + "token, not the token itself");
        assertThat(e.getMessage()).doesNotContain("AAHfiqks");
    }

    @Test
    void aWebhookUrlIsNeverRepeatedInItsErrorSinceItMayHoldASecret() throws IOException {
        ChainFileException e =
                error("{\"links\": [{}], \"webhook\": {\"url\": \"https://hooks.test/T0/B0/s3cr3t path\"}}");
        assertThat(e.getMessage())
                .startsWith(
                        file.toAbsolutePath() + ":1:36: webhook.url: expected an absolute http:// or https:// URL (")
                .doesNotContain("s3cr3t");
    }

    @Test
    void aHeaderValueOnTwoLinesIsRejectedWithoutRepeatingIt() throws IOException {
        ChainFileException e = error("{\"links\": [{}], \"webhook\": {\"url\": \"http://x.test\", "
                + "\"headers\": {\"Authorization\": \"Bearer abc\\r\\nX-Evil: 1\"}}}");
        assertThat(e.getMessage())
                .isEqualTo(file.toAbsolutePath()
                        + ":1:82: webhook.headers.Authorization: expected a header value on one line");
    }
}
