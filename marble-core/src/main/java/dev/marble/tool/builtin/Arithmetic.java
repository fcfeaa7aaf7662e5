package dev.marble.tool.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates an arithmetic expression written as in Python: numbers, {@code + - * / // % **}, parentheses, the
 * constants {@code pi e tau} and a fixed set of math functions. A parser of its own, not a scripting engine, so an
 * expression can compute and nothing else; its length and nesting are bounded so that a hostile one costs no more
 * than a short one. Anything that is not a finite real number (division by zero, {@code sqrt(-1)}, {@code 10**400})
 * is an {@link ArithmeticException} that says so.
 */
final class Arithmetic {

    static final int MAX_LENGTH = 1000;
    static final int MAX_DEPTH = 50;

    private final String text;
    private int at;
    private int depth;

    private Arithmetic(String text) {
        this.text = text;
    }

    static double evaluate(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new ArithmeticException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        Arithmetic parser = new Arithmetic(expression);
        double value = parser.sum();
        parser.skipSpaces();
        if (parser.at < expression.length()) throw parser.unexpected();
        return finite(value);
    }

    private double sum() {
        double value = product();
        while (true) {
            if (take("+")) value = finite(value + product());
            else if (take("-")) value = finite(value - product());
            else return value;
        }
    }

    private double product() {
        double value = unary();
        while (true) {
            if (peek("**")) return value;
            if (take("//")) value = Math.floor(divide(value, unary()));
            else if (take("*")) value = finite(value * unary());
            else if (take("/")) value = divide(value, unary());
            else if (take("%")) value = modulo(value, unary());
            else return value;
        }
    }

    /** Signs bind looser than {@code **}, as in Python: {@code -2**2} is -4. */
    private double unary() {
        boolean minus = take("-");
        if (!minus && !take("+")) return power();
        enter();
        try {
            double value = unary();
            return minus ? -value : value;
        } finally {
            depth--;
        }
    }

    /** Right-associative, as in Python: {@code 2**3**2} is 2**9. */
    private double power() {
        double base = primary();
        if (!take("**")) return base;
        enter();
        try {
            return finite(Math.pow(base, unary()));
        } finally {
            depth--;
        }
    }

    private double primary() {
        skipSpaces();
        if (take("(")) {
            enter();
            try {
                double value = sum();
                expect(")");
                return value;
            } finally {
                depth--;
            }
        }
        if (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) return number();
        if (at < text.length() && Character.isLetter(text.charAt(at))) return name();
        throw unexpected();
    }

    private double number() {
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) at++;
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int mark = at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) at++;
            if (at < text.length() && Character.isDigit(text.charAt(at))) {
                while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
            } else {
                at = mark;
            }
        }
        try {
            return finite(Double.parseDouble(text.substring(start, at)));
        } catch (NumberFormatException e) {
            throw new ArithmeticException("\"" + text.substring(start, at) + "\" is not a number");
        }
    }

    private double name() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) at++;
        String name = text.substring(start, at).toLowerCase(Locale.ROOT);
        if (!take("(")) {
            return switch (name) {
                case "pi" -> Math.PI;
                case "e" -> Math.E;
                case "tau" -> 2 * Math.PI;
                default -> throw new ArithmeticException("unknown name \"" + name + "\"; constants are pi, e, tau");
            };
        }
        enter();
        try {
            List<Double> args = arguments();
            return finite(call(name, args));
        } finally {
            depth--;
        }
    }

    private List<Double> arguments() {
        List<Double> args = new ArrayList<>();
        if (take(")")) return args;
        do args.add(sum());
        while (take(","));
        expect(")");
        return args;
    }

    private static double call(String name, List<Double> args) {
        return switch (name) {
            case "sqrt" -> one(name, args, Math::sqrt);
            case "sin" -> one(name, args, Math::sin);
            case "cos" -> one(name, args, Math::cos);
            case "tan" -> one(name, args, Math::tan);
            case "asin" -> one(name, args, Math::asin);
            case "acos" -> one(name, args, Math::acos);
            case "atan" -> one(name, args, Math::atan);
            case "exp" -> one(name, args, Math::exp);
            case "log10" -> one(name, args, Math::log10);
            case "log2" -> one(name, args, x -> Math.log(x) / Math.log(2));
            case "abs" -> one(name, args, Math::abs);
            case "floor" -> one(name, args, Math::floor);
            case "ceil" -> one(name, args, Math::ceil);
            case "round" -> one(name, args, Math::rint);
            case "log" -> {
                if (args.size() == 2) yield Math.log(args.get(0)) / Math.log(args.get(1));
                yield one(name, args, Math::log);
            }
            case "pow" -> {
                if (args.size() != 2) throw new ArithmeticException("pow takes 2 arguments, got " + args.size());
                yield Math.pow(args.get(0), args.get(1));
            }
            case "min", "max" -> {
                if (args.isEmpty()) throw new ArithmeticException(name + " needs at least one argument");
                yield args.stream()
                        .mapToDouble(Double::doubleValue)
                        .reduce(name.equals("min") ? Math::min : Math::max)
                        .orElseThrow();
            }
            default ->
                throw new ArithmeticException("unknown function \"" + name + "\"; functions are sqrt, sin, cos, "
                        + "tan, asin, acos, atan, exp, log, log10, log2, abs, floor, ceil, round, pow, min, max");
        };
    }

    private static double one(String name, List<Double> args, DoubleUnaryOperator f) {
        if (args.size() != 1) throw new ArithmeticException(name + " takes 1 argument, got " + args.size());
        return f.applyAsDouble(args.getFirst());
    }

    private static double divide(double a, double b) {
        if (b == 0) throw new ArithmeticException("division by zero");
        return finite(a / b);
    }

    private static double modulo(double a, double b) {
        if (b == 0) throw new ArithmeticException("modulo by zero");
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r; // Python's sign: that of the divisor
    }

    private static double finite(double value) {
        if (Double.isNaN(value)) throw new ArithmeticException("the result is not a real number");
        if (Double.isInfinite(value)) throw new ArithmeticException("the result is too large");
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw new ArithmeticException("the expression nests deeper than " + MAX_DEPTH);
    }

    private boolean peek(String token) {
        skipSpaces();
        return text.startsWith(token, at);
    }

    private boolean take(String token) {
        if (!peek(token)) return false;
        at += token.length();
        return true;
    }

    private void expect(String token) {
        if (!take(token)) throw unexpected();
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }

    private ArithmeticException unexpected() {
        if (at >= text.length()) return new ArithmeticException("the expression ends too early");
        char c = text.charAt(at);
        String hint = c == '^' ? " (write powers as **)" : "";
        return new ArithmeticException("unexpected \"" + c + "\" at position " + (at + 1) + hint);
    }
}
