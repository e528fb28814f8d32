package io.hypertrader.strategy.rules;

/**
 * An expression of the rule language that cannot be read or does not make sense: names the
 * expression, the position (1-based character) and what is wrong, e.g.
 * {@code 'close > emaa(close, 200)' at 9: unknown function emaa (known: sma, ema, ...)}.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    private final String expression;
    private final int position;
    private final String problem;

    public RuleSyntaxException(String expression, int position, String problem) {
        super("'" + expression + "' at " + (position + 1) + ": " + problem);
        this.expression = expression;
        this.position = position;
        this.problem = problem;
    }

    public String expression() {
        return expression;
    }

    /** 0-based offset into the expression where the problem is. */
    public int position() {
        return position;
    }

    public String problem() {
        return problem;
    }
}
