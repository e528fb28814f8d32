package io.hypertrader.strategy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule language's parser: text in, a syntax tree out (docs/strategy.md, "Rule expressions").
 * The grammar, loosest binding first:
 * <pre>
 * expr    := and ('or' and)*
 * and     := not ('and' not)*
 * not     := 'not' not | compare
 * compare := sum [ ('&gt;' | '&lt;' | '&gt;=' | '&lt;=') sum
 *                | 'crosses' ('above' | 'below') sum
 *                | 'between' sum 'and' sum ]
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := '-' unary | atom
 * atom    := NUMBER ['%'] | NAME | NAME '(' [sum (',' sum)*] ')' | '(' expr ')'
 * </pre>
 * Keywords are case-insensitive; names (series, parameters, functions) are case-sensitive. A
 * number followed by {@code %} is a hundredth of it ({@code 0.5%} is 0.005). Whether a name is a
 * series or a parameter and whether a function exists is the compiler's business
 * ({@link RuleCompiler}); this class only checks the shape.
 */
public final class RuleExpression {

    /** A node of the tree; {@code pos} is the 0-based offset of its first character. */
    public sealed interface Node {
        int pos();
    }

    public record Number(int pos, double value) implements Node {
    }

    /** A series ({@code close}) or a parameter of the config's {@code params:}. */
    public record Name(int pos, String name) implements Node {
    }

    public record Call(int pos, String function, List<Node> args) implements Node {
    }

    public record Negate(int pos, Node operand) implements Node {
    }

    /** {@code op} one of + - * /. */
    public record Arithmetic(int pos, char op, Node left, Node right) implements Node {
    }

    /** {@code op} one of &gt; &lt; &gt;= &lt;=. */
    public record Compare(int pos, String op, Node left, Node right) implements Node {
    }

    public record Cross(int pos, boolean above, Node left, Node right) implements Node {
    }

    /** Inclusive at both ends. */
    public record Between(int pos, Node value, Node low, Node high) implements Node {
    }

    /** {@code and} true: both; false: either. */
    public record Logic(int pos, boolean and, Node left, Node right) implements Node {
    }

    public record Not(int pos, Node operand) implements Node {
    }

    private final String text;
    private final List<Token> tokens;
    private int at;

    private RuleExpression(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** Parses a whole expression. */
    public static Node parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RuleSyntaxException(text == null ? "" : text, 0, "empty expression");
        }
        RuleExpression p = new RuleExpression(text);
        Node n = p.or();
        Token t = p.peek();
        if (t.kind != Kind.END) {
            throw p.error(t, "unexpected '" + t.text + "' (an operator, 'and' or 'or' was expected)");
        }
        return n;
    }

    // ------------------------------------------------------------------ grammar

    private Node or() {
        Node left = and();
        while (keyword("or")) {
            Token op = next();
            left = new Logic(op.pos, false, left, and());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (keyword("and")) {
            Token op = next();
            left = new Logic(op.pos, true, left, not());
        }
        return left;
    }

    private Node not() {
        if (keyword("not")) {
            Token op = next();
            return new Not(op.pos, not());
        }
        return compare();
    }

    private Node compare() {
        Node left = sum();
        Token t = peek();
        if (t.kind == Kind.OP && (t.text.equals(">") || t.text.equals("<") || t.text.equals(">=") || t.text.equals("<="))) {
            next();
            return new Compare(t.pos, t.text, left, sum());
        }
        if (keyword("crosses")) {
            next();
            Token dir = next();
            String d = dir.kind == Kind.NAME ? dir.text.toLowerCase(Locale.ROOT) : "";
            if (!d.equals("above") && !d.equals("below")) {
                throw error(dir, "'crosses' must be followed by 'above' or 'below'");
            }
            return new Cross(t.pos, d.equals("above"), left, sum());
        }
        if (keyword("between")) {
            next();
            Node low = sum();
            if (!keyword("and")) {
                throw error(peek(), "'between LOW and HIGH' needs 'and' after the low end");
            }
            next();
            return new Between(t.pos, left, low, sum());
        }
        return left;
    }

    private Node sum() {
        Node left = product();
        while (op("+") || op("-")) {
            Token o = next();
            left = new Arithmetic(o.pos, o.text.charAt(0), left, product());
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (op("*") || op("/")) {
            Token o = next();
            left = new Arithmetic(o.pos, o.text.charAt(0), left, unary());
        }
        return left;
    }

    private Node unary() {
        if (op("-")) {
            Token o = next();
            return new Negate(o.pos, unary());
        }
        return atom();
    }

    private Node atom() {
        Token t = next();
        switch (t.kind) {
            case NUMBER -> {
                double v;
                try {
                    v = Double.parseDouble(t.text);
                } catch (NumberFormatException e) {
                    throw error(t, "'" + t.text + "' is not a number");
                }
                if (op("%")) {
                    next();
                    v = v / 100;
                }
                return new Number(t.pos, v);
            }
            case NAME -> {
                if (isKeyword(t.text)) {
                    throw error(t, "'" + t.text + "' where a value was expected");
                }
                if (!op("(")) {
                    return new Name(t.pos, t.text);
                }
                next();
                List<Node> args = new ArrayList<>();
                if (!op(")")) {
                    args.add(sum());
                    while (op(",")) {
                        next();
                        args.add(sum());
                    }
                }
                expect(")", "to close the arguments of " + t.text + "(");
                return new Call(t.pos, t.text, List.copyOf(args));
            }
            case OP -> {
                if (t.text.equals("(")) {
                    Node inner = or();
                    expect(")", "to close the '(' at " + (t.pos + 1));
                    return inner;
                }
                throw error(t, "unexpected '" + t.text + "' where a value was expected");
            }
            default -> throw error(t, "the expression ends where a value was expected");
        }
    }

    // ------------------------------------------------------------------ tokens

    private enum Kind { NUMBER, NAME, OP, END }

    private record Token(Kind kind, String text, int pos) {
    }

    private static boolean isKeyword(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "and", "or", "not", "crosses", "between" -> true;
            default -> false;
        };
    }

    private List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                        k++;
                    }
                    if (k < s.length() && Character.isDigit(s.charAt(k))) {
                        j = k;
                        while (j < s.length() && Character.isDigit(s.charAt(j))) {
                            j++;
                        }
                    }
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j), i));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.NAME, s.substring(i, j), i));
                i = j;
            } else if ((c == '>' || c == '<') && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                out.add(new Token(Kind.OP, s.substring(i, i + 2), i));
                i += 2;
            } else if ("<>+-*/(),%".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c), i));
                i++;
            } else if (c == '=' || c == '!') {
                throw new RuleSyntaxException(s, i, "'" + c + "': equality is not offered on prices (use between, <, >, <=, >=)");
            } else {
                throw new RuleSyntaxException(s, i, "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "", s.length()));
        return out;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind != Kind.END) {
            at++;
        }
        return t;
    }

    private boolean keyword(String k) {
        Token t = peek();
        return t.kind == Kind.NAME && t.text.equalsIgnoreCase(k);
    }

    private boolean op(String o) {
        Token t = peek();
        return t.kind == Kind.OP && t.text.equals(o);
    }

    private void expect(String o, String why) {
        Token t = peek();
        if (!op(o)) {
            throw error(t, "expected '" + o + "' " + why + (t.kind == Kind.END ? ", found the end" : ", found '" + t.text + "'"));
        }
        next();
    }

    private RuleSyntaxException error(Token t, String problem) {
        return new RuleSyntaxException(text, t.pos, problem);
    }
}
