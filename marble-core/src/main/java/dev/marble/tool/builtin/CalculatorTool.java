package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** LLMProc's {@code calculator(expression, precision=6)}: arithmetic only (see {@link Arithmetic}), no side effects. */
final class CalculatorTool implements Tool {

    static final int DEFAULT_PRECISION = 6;
    static final int MAX_PRECISION = 15;

    private final ToolSpec spec = new ToolSpec(
            "calculator",
            """
            Evaluate an arithmetic expression exactly as written, in Python syntax: + - * / // % ** and \
            parentheses, the constants pi, e and tau, and the functions sqrt, sin, cos, tan, asin, acos, atan, \
            exp, log (natural, or log(x, base)), log10, log2, abs, floor, ceil, round, pow, min and max. Use it \
            for any arithmetic instead of working it out yourself.""",
            JsonSchemas.object()
                    .string("expression", "The expression, such as 2 * (3 + 4) ** 2 or sqrt(16) + sin(pi / 2)")
                    .integer(
                            "precision",
                            "Decimal places of the result (default " + DEFAULT_PRECISION + ")",
                            0,
                            MAX_PRECISION)
                    .optional()
                    .build());

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return ApprovalDefault.ALLOW;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) {
        try {
            String expression = Args.string(arguments, "expression");
            int precision = Args.integer(arguments, "precision", DEFAULT_PRECISION, 0, MAX_PRECISION);
            return ToolResult.ok(format(Arithmetic.evaluate(expression), precision));
        } catch (ToolFailure e) {
            return ToolResult.error(e.getMessage());
        } catch (ArithmeticException e) {
            return ToolResult.error("cannot evaluate: " + e.getMessage());
        }
    }

    /** Whole numbers as such; others rounded to {@code precision} places; very large or small ones in e-notation. */
    static String format(double value, int precision) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(precision, RoundingMode.HALF_EVEN);
        if (Math.abs(value) >= 1e15 || rounded.signum() == 0) {
            return String.format(Locale.ROOT, "%." + precision + "e", value);
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }
}
