package dev.marble.format.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marble.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mistake in a worker file is one line, {@code file:line:column: field: expected ...}: llm-do's
 * five error cases and the ones it let through. In the table "|" separates cells and "\n" is a line break.
 */
class WorkerFileErrorsTest {

    @TempDir
    Path temp;

    private String error(String text, SetOverrides overrides) throws IOException {
        Path file = Files.writeString(temp.resolve("bad.worker"), text);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> WorkerFile.load(file, overrides));
        assertThat(e).as("expected an error for %s", text).isNotNull();
        return e.getMessage().substring(file.toString().length());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Just some text without frontmatter.                    | :1:1: missing front matter: a .worker file starts with a line '---', then YAML (name: ...), then '---', then the instructions
            ---\\nname: main\\nInstructions.                        | :1:1: the front matter opened by '---' on line 1 is never closed; expected a second '---' line before the instructions
            ---\\n---\\nInstructions.                               | :2:1: the front matter is empty; expected a YAML mapping with at least 'name: ...'
            ---\\n- this\\n- is\\n- a list\\n---\\nInstructions.     | :2:1: expected the front matter to be a YAML mapping (name: ..., model: ...), got a list
            ---\\nname: main\\nmodel: [unclosed\\n---\\nx            | :3:17: not valid YAML: while parsing a flow sequence
            ---\\nmodel: test-model\\n---\\nInstructions.           | :2:1: missing required key "name" (a string)
            ---\\nname: ''\\n---\\nx                                | :2:7: name: expected a name usable as a tool name (letters, digits, _ and -, at most 64), got ""
            ---\\nname: my worker\\n---\\nx                         | :2:7: name: expected a name usable as a tool name (letters, digits, _ and -, at most 64), got "my worker"
            ---\\nname: 42\\n---\\nx                                | :2:7: name: expected a string, got 42
            ---\\nname: main\\nmodel: [a]\\n---\\nx                  | :3:8: model: expected a string, got a list
            ---\\nname: main\\ntoolsets:\\n  - shell\\n  - filesystem\\n---\\nx | :4:3: toolsets: expected an object, got a list
            ---\\nname: main\\ntoolsets:\\n  shell: not_a_dict\\n---\\nx | :4:10: toolsets.shell: expected an object, got "not_a_dict"
            ---\\nname: main\\ntoolsets:\\n  shell:\\n    rules: [{approval_required: false}]\\n---\\nx | :5:13: toolsets.shell.rules[0]: missing required key "pattern" (a string)
            ---\\nname: main\\ntoolsets:\\n  shell:\\n    default: {approval_required: maybe}\\n---\\nx | :5:34: toolsets.shell.default.approval_required: expected true or false, got "maybe"
            ---\\nname: main\\ntoolsets:\\n  calc:\\n    _approval_config: {add: {pre_approved: 1}}\\n---\\nx | :5:44: toolsets.calc._approval_config.add.pre_approved: expected true or false, got 1
            ---\\nname: main\\nserver_side_tools:\\n  web_search: {}\\n---\\nx | :4:3: server_side_tools: expected a list where each item is an object, got an object
            ---\\nname: main\\nserver_side_tools:\\n  - max_uses: 3\\n---\\nx | :4:5: server_side_tools[0]: missing required key "tool_type" (one of code_execution, image_generation, web_fetch, web_search)
            ---\\nname: main\\nserver_side_tools:\\n  - tool_type: web_browse\\n---\\nx | :4:16: server_side_tools[0].tool_type: expected one of code_execution, image_generation, web_fetch, web_search, got "web_browse"
            """)
    void mistakesAreOneLineAtTheirPlace(String text, String expected) throws IOException {
        assertThat(error(text.replace("\\n", "\n"), SetOverrides.NONE)).startsWith(expected);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = temp.resolve("none.worker");
        assertThat(catchThrowableOfType(ConfigException.class, () -> WorkerFile.load(missing)))
                .hasMessage(missing + ": file not found");
    }

    @Test
    void aBadValueFromSetNamesTheFieldAndTheFlag() throws IOException {
        String message = error("---\nname: main\nmodel: a:b\n---\nx\n", SetOverrides.parse(List.of("model=[1]")));
        assertThat(message).isEqualTo(": model: expected a string, got a list (set by --set)");
    }
}
