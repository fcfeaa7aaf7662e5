package dev.marble.tool.builtin;

import static dev.marble.tool.TestContext.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LLMProc's calculator: Python's arithmetic, bounded, and every failure a clear error result. */
class CalculatorToolTest {

    private final CalculatorTool calculator = new CalculatorTool();

    private ToolResult calc(String expression) {
        return calculator.call(args("expression", expression), TestContext.of("run"));
    }

    private ToolResult calc(String expression, int precision) {
        return calculator.call(args("expression", expression, "precision", precision), TestContext.of("run"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2 + 3 * 4 | 14",
                "(2 + 3) * 4 | 20",
                "2 ** 3 ** 2 | 512",
                "-2 ** 2 | -4",
                "(-2) ** 2 | 4",
                "7 // 2 | 3",
                "-7 // 2 | -4",
                "-7 % 3 | 2",
                "7 % -3 | -2",
                "10 / 4 | 2.5",
                "1 / 3 | 0.333333",
                "sqrt(16) + abs(-2) | 6",
                "sin(pi / 2) | 1",
                "log(8, 2) | 3",
                "max(1, 5, 3) - min(4, 2) | 3",
                "1.5e3 + .5 | 1500.5",
                "2 ** 64 | 1.844674e+19",
                "1e-9 | 1.000000e-09",
                "  3   | 3"
            })
    void evaluatesAsPythonDoes(String expression, String expected) {
        assertThat(calc(expression)).isEqualTo(ToolResult.ok(expected));
    }

    @Test
    void precisionIsTheNumberOfDecimalPlaces() {
        assertThat(calc("pi", 2)).isEqualTo(ToolResult.ok("3.14"));
        assertThat(calc("pi", 0)).isEqualTo(ToolResult.ok("3"));
        assertThat(calc("pi", 16).content()).contains("between 0 and 15");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1 / 0 | cannot evaluate: division by zero",
                "1 // (2 - 2) | cannot evaluate: division by zero",
                "5 % 0 | cannot evaluate: modulo by zero",
                "10 ** 400 | cannot evaluate: the result is too large",
                "9 ** 9 ** 9 ** 9 | cannot evaluate: the result is too large",
                "2 ** -99999 * 0 + 1e308 * 10 | cannot evaluate: the result is too large",
                "sqrt(-1) | cannot evaluate: the result is not a real number",
                "2 ^ 3 | cannot evaluate: unexpected \"^\" at position 3 (write powers as **)",
                "__import__('os') | cannot evaluate: unexpected \"_\" at position 1",
                "exec(1) | cannot evaluate: unknown function \"exec\"; functions are sqrt, sin, cos, tan, asin, acos,"
                        + " atan, exp, log, log10, log2, abs, floor, ceil, round, pow, min, max",
                "x + 1 | cannot evaluate: unknown name \"x\"; constants are pi, e, tau",
                "(1 + 2 | cannot evaluate: the expression ends too early",
                "1 + 2) | cannot evaluate: unexpected \")\" at position 6",
                "sqrt(1, 2) | cannot evaluate: sqrt takes 1 argument, got 2"
            })
    void failuresAreErrorResultsThatSayWhy(String expression, String message) {
        assertThat(calc(expression)).isEqualTo(ToolResult.error(message));
    }

    @Test
    void nestingIsBoundedWithoutOverflowingTheStack() {
        String fifty = "(".repeat(Arithmetic.MAX_DEPTH - 1) + "1" + ")".repeat(Arithmetic.MAX_DEPTH - 1);
        assertThat(calc(fifty)).isEqualTo(ToolResult.ok("1"));
        String deeper = "(".repeat(Arithmetic.MAX_DEPTH + 1) + "1" + ")".repeat(Arithmetic.MAX_DEPTH + 1);
        assertThat(calc(deeper)).isEqualTo(ToolResult.error("cannot evaluate: the expression nests deeper than 50"));
        assertThat(calc("-".repeat(400) + "1").content())
                .isEqualTo("cannot evaluate: the expression nests deeper than 50");
        assertThat(calc("sqrt(".repeat(100) + "1" + ")".repeat(100)).content()).contains("nests deeper than 50");
    }

    @Test
    void inputLengthIsBounded() {
        String long_ = "1+".repeat(500) + "1";
        assertThat(calc(long_))
                .isEqualTo(ToolResult.error("cannot evaluate: the expression is longer than 1000 characters"));
        assertThat(calc("1+".repeat(499) + "1")).isEqualTo(ToolResult.ok("500"));
    }

    @Test
    void aMissingExpressionIsAnError() {
        assertThat(calculator.call(args(), TestContext.of("run")).isError()).isTrue();
    }
}
