package io.hypertrader.strategy.rules;

import io.hypertrader.strategy.rules.RuleExpression.Arithmetic;
import io.hypertrader.strategy.rules.RuleExpression.Between;
import io.hypertrader.strategy.rules.RuleExpression.Call;
import io.hypertrader.strategy.rules.RuleExpression.Compare;
import io.hypertrader.strategy.rules.RuleExpression.Cross;
import io.hypertrader.strategy.rules.RuleExpression.Logic;
import io.hypertrader.strategy.rules.RuleExpression.Name;
import io.hypertrader.strategy.rules.RuleExpression.Negate;
import io.hypertrader.strategy.rules.RuleExpression.Node;
import io.hypertrader.strategy.rules.RuleExpression.Not;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.ConstantIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.OpenPriceIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.numeric.BinaryOperationIndicator;
import org.ta4j.core.indicators.numeric.UnaryOperationIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AndRule;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.NotRule;
import org.ta4j.core.rules.OrRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.OverOrEqualIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;
import org.ta4j.core.rules.UnderOrEqualIndicatorRule;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a rule expression ({@link RuleExpression}) into ta4j objects over one bar series: values
 * become ta4j indicators ({@link SMAIndicator}, {@link RSIIndicator}, ...), conditions ta4j rules
 * ({@link OverIndicatorRule}, {@link CrossedUpIndicatorRule}, {@link AndRule}, ...). Names are the
 * series {@code open high low close volume} or numbers of the config's {@code params:} (which a
 * sweep may vary). Every mistake is a {@link RuleSyntaxException} at the offending position.
 *
 * <p>Functions ({@code x} any value, {@code n} a whole number of bars, a literal or a parameter):
 * {@code sma(x, n) ema(x, n) rsi(x, n) highest(x, n) lowest(x, n) stddev(x, n) roc(x, n)
 * prev(x) prev(x, n) atr(n) atrPct(n) abs(x) min(a, b) max(a, b)}. {@code atrPct(n)} is
 * {@code atr(n) / close}, a fraction (compare it with {@code 0.5%}); {@code roc} is ta4j's
 * rate of change in percent.
 *
 * <p>{@link Compiled#unstableBars()}: the bars a condition needs before it means anything (the
 * longest ta4j unstable period among its indicators, one more for a crossing); the users of a
 * compiled rule treat it as false before that many bars have closed.
 */
public final class RuleCompiler {

    /** A compiled condition and the number of closed bars it needs before it is evaluated. */
    public record Compiled(Rule rule, int unstableBars) {
    }

    /** The functions and their arities, for the error that lists them. */
    private static final Map<String, String> FUNCTIONS = new TreeMap<>(Map.ofEntries(
            Map.entry("sma", "sma(x, n)"), Map.entry("ema", "ema(x, n)"), Map.entry("rsi", "rsi(x, n)"),
            Map.entry("highest", "highest(x, n)"), Map.entry("lowest", "lowest(x, n)"),
            Map.entry("stddev", "stddev(x, n)"), Map.entry("roc", "roc(x, n)"), Map.entry("prev", "prev(x[, n])"),
            Map.entry("atr", "atr(n)"), Map.entry("atrPct", "atrPct(n)"), Map.entry("abs", "abs(x)"),
            Map.entry("min", "min(a, b)"), Map.entry("max", "max(a, b)")));
    private static final String SERIES = "open, high, low, close, volume";

    private final String text;
    private final BarSeries series;
    private final Map<String, Double> params;
    private int unstable;

    private RuleCompiler(String text, BarSeries series, Map<String, Double> params) {
        this.text = text;
        this.series = series;
        this.params = params == null ? Map.of() : params;
    }

    /** Compiles a condition over {@code series}, parameters from {@code params}. */
    public static Compiled compile(String text, BarSeries series, Map<String, Double> params) {
        RuleCompiler c = new RuleCompiler(text, series, params);
        Rule r = c.condition(RuleExpression.parse(text));
        return new Compiled(r, c.unstable);
    }

    /** Checks a condition without bars (config loading): throws what {@link #compile} would. */
    public static int check(String text, Map<String, Double> params) {
        return compile(text, emptySeries(), params).unstableBars();
    }

    /** An empty series of ta4j's {@code DoubleNum}, the number type rules run on. */
    public static BarSeries emptySeries() {
        return new BaseBarSeriesBuilder().withName("rules").withNumFactory(DoubleNumFactory.getInstance()).build();
    }

    // ------------------------------------------------------------------ conditions

    private Rule condition(Node n) {
        return switch (n) {
            case Logic l -> l.and() ? new AndRule(condition(l.left()), condition(l.right()))
                    : new OrRule(condition(l.left()), condition(l.right()));
            case Not x -> new NotRule(condition(x.operand()));
            case Compare c -> {
                Indicator<Num> a = value(c.left());
                Indicator<Num> b = value(c.right());
                yield switch (c.op()) {
                    case ">" -> new OverIndicatorRule(a, b);
                    case ">=" -> new OverOrEqualIndicatorRule(a, b);
                    case "<" -> new UnderIndicatorRule(a, b);
                    default -> new UnderOrEqualIndicatorRule(a, b);
                };
            }
            case Cross x -> {
                Indicator<Num> a = value(x.left());
                Indicator<Num> b = value(x.right());
                unstable = Math.max(unstable, Math.max(a.getCountOfUnstableBars(), b.getCountOfUnstableBars()) + 1);
                yield x.above() ? new CrossedUpIndicatorRule(a, b) : new CrossedDownIndicatorRule(a, b);
            }
            case Between b -> {
                Indicator<Num> v = value(b.value());
                yield new AndRule(new OverOrEqualIndicatorRule(v, value(b.low())), new UnderOrEqualIndicatorRule(v, value(b.high())));
            }
            default -> throw new RuleSyntaxException(text, n.pos(),
                    "a value where a condition was expected (compare it: >, <, >=, <=, crosses above, between ... and ...)");
        };
    }

    // ------------------------------------------------------------------ values

    private Indicator<Num> value(Node n) {
        Indicator<Num> v = valueOf(n);
        unstable = Math.max(unstable, v.getCountOfUnstableBars());
        return v;
    }

    private Indicator<Num> valueOf(Node n) {
        return switch (n) {
            case RuleExpression.Number x -> constant(x.value());
            case Name x -> name(x);
            case Negate x -> BinaryOperationIndicator.product(value(x.operand()), -1);
            case Arithmetic x -> {
                Indicator<Num> a = value(x.left());
                Indicator<Num> b = value(x.right());
                yield switch (x.op()) {
                    case '+' -> BinaryOperationIndicator.sum(a, b);
                    case '-' -> BinaryOperationIndicator.difference(a, b);
                    case '*' -> BinaryOperationIndicator.product(a, b);
                    default -> BinaryOperationIndicator.quotient(a, b);
                };
            }
            case Call c -> call(c);
            default -> throw new RuleSyntaxException(text, n.pos(),
                    "a condition where a value was expected (put conditions together with and, or, not)");
        };
    }

    private Indicator<Num> constant(double v) {
        return new ConstantIndicator<>(series, series.numFactory().numOf(v));
    }

    private Indicator<Num> name(Name x) {
        return switch (x.name()) {
            case "open" -> new OpenPriceIndicator(series);
            case "high" -> new HighPriceIndicator(series);
            case "low" -> new LowPriceIndicator(series);
            case "close" -> new ClosePriceIndicator(series);
            case "volume" -> new VolumeIndicator(series);
            default -> {
                Double p = params.get(x.name());
                if (p == null) {
                    throw new RuleSyntaxException(text, x.pos(), "unknown name " + x.name() + " (series: " + SERIES
                            + (params.isEmpty() ? "; no params: are defined" : "; params: " + String.join(", ", new TreeMap<>(params).keySet()))
                            + ")");
                }
                yield constant(p);
            }
        };
    }

    private Indicator<Num> call(Call c) {
        String f = c.function();
        if (!FUNCTIONS.containsKey(f)) {
            throw new RuleSyntaxException(text, c.pos(), "unknown function " + f + " (known: "
                    + String.join(", ", FUNCTIONS.values()) + ")");
        }
        return switch (f) {
            case "sma" -> new SMAIndicator(value(arg(c, 0, 2)), bars(c, 1));
            case "ema" -> new EMAIndicator(value(arg(c, 0, 2)), bars(c, 1));
            case "rsi" -> new RSIIndicator(value(arg(c, 0, 2)), bars(c, 1));
            case "highest" -> new HighestValueIndicator(value(arg(c, 0, 2)), bars(c, 1));
            case "lowest" -> new LowestValueIndicator(value(arg(c, 0, 2)), bars(c, 1));
            case "stddev" -> new StandardDeviationIndicator(value(arg(c, 0, 2)), bars(c, 1));
            case "roc" -> new ROCIndicator(value(arg(c, 0, 2)), bars(c, 1));
            case "prev" -> {
                if (c.args().size() == 1) {
                    yield new PreviousValueIndicator(value(c.args().get(0)), 1);
                }
                yield new PreviousValueIndicator(value(arg(c, 0, 2)), bars(c, 1));
            }
            case "atr" -> {
                arity(c, 1);
                yield new ATRIndicator(series, bars(c, 0));
            }
            case "atrPct" -> {
                arity(c, 1);
                yield BinaryOperationIndicator.quotient(new ATRIndicator(series, bars(c, 0)), new ClosePriceIndicator(series));
            }
            case "abs" -> UnaryOperationIndicator.abs(value(arg(c, 0, 1)));
            case "min" -> BinaryOperationIndicator.min(value(arg(c, 0, 2)), value(arg(c, 1, 2)));
            default -> BinaryOperationIndicator.max(value(arg(c, 0, 2)), value(arg(c, 1, 2)));
        };
    }

    private Node arg(Call c, int i, int arity) {
        arity(c, arity);
        return c.args().get(i);
    }

    private void arity(Call c, int arity) {
        if (c.args().size() != arity) {
            throw new RuleSyntaxException(text, c.pos(), c.function() + " takes " + arity + " argument"
                    + (arity == 1 ? "" : "s") + ": " + FUNCTIONS.get(c.function()) + ", given " + c.args().size());
        }
    }

    /** A bar count: a whole number >= 1 from a literal or a parameter (not a series). */
    private int bars(Call c, int i) {
        Node n = c.args().get(i);
        double v = constantValue(n, c);
        if (v != Math.rint(v) || v < 1 || v > 100_000) {
            throw new RuleSyntaxException(text, n.pos(), "the bar count of " + c.function() + " must be a whole number"
                    + " in [1, 100000], got " + v);
        }
        return (int) v;
    }

    private double constantValue(Node n, Call c) {
        return switch (n) {
            case RuleExpression.Number x -> x.value();
            case Name x when params.containsKey(x.name()) -> params.get(x.name());
            case Negate x -> -constantValue(x.operand(), c);
            case Arithmetic x -> {
                double a = constantValue(x.left(), c);
                double b = constantValue(x.right(), c);
                yield switch (x.op()) {
                    case '+' -> a + b;
                    case '-' -> a - b;
                    case '*' -> a * b;
                    default -> a / b;
                };
            }
            default -> throw new RuleSyntaxException(text, n.pos(), "the bar count of " + c.function()
                    + " must be a number or a parameter, not a series");
        };
    }
}
