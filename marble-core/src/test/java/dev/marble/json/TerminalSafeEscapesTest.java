package dev.marble.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TerminalSafeEscapesTest {

    @Test
    void charactersThatSteerATerminalOrHideTextAreWrittenAsEscapes() {
        String text = "rm -rf \u202e/ fdp\u202c csi\u009b2J zw\u200bsp bom\ufeff ls\u2028ps\u2029";
        ObjectNode node = Json.object().put("answer", text);

        String written = Json.write(node);

        assertThat(written)
                .contains("\\u202e", "\\u202c", "\\u009b", "\\u200b", "\\ufeff", "\\u2028", "\\u2029")
                .doesNotContain("\u202e", "\u009b", "\u200b", "\ufeff", "\u2028");
        assertThat(Json.parse(written).path("answer").stringValue())
                .as("the same text back")
                .isEqualTo(text);
    }

    @Test
    void otherTextStaysAsItIs() {
        String text = "naïve café, 日本語, emoji \uD83D\uDE00, tab\tnewline\n, quote \" and \\";
        String written = Json.write(Json.object().put("answer", text));

        assertThat(written).contains("naïve café, 日本語, emoji \uD83D\uDE00").contains("\\t", "\\n", "\\\"", "\\\\");
        assertThat(Json.parse(written).path("answer").stringValue()).isEqualTo(text);
    }
}
