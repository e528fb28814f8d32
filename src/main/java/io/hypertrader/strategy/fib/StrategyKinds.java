package io.hypertrader.strategy.fib;

import io.hypertrader.strategy.StatefulStrategy;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.rules.RulesStrategy;

import java.util.function.Consumer;

/**
 * The strategy a parameter set describes: the Fibonacci hedge (with its filters, if any), or a
 * {@code ta4j-rules} strategy when the set carries {@link FibHedgeParams#rules()}. Every place that
 * builds a config's strategy (backtest, sweep trials) asks here, so a new strategy type is one
 * more case in this file.
 */
public final class StrategyKinds {
    /** The config's {@code strategy.type} of the hedge. */
    public static final String FIB_HEDGE = "fib-hedge";
    /** The config's {@code strategy.type} of the rule strategy. */
    public static final String TA4J_RULES = "ta4j-rules";

    private StrategyKinds() {
    }

    /** A fresh strategy for one run (strategies are stateful). */
    public static Strategy create(FibHedgeParams p) {
        return createStateful(p, Double.POSITIVE_INFINITY, m -> {
        });
    }

    /**
     * A fresh strategy for a runner: with its state for the journal, each entry sized to at most
     * {@code cap} USDC of notional (a deployment's position cap; infinity: none), {@code onCapped}
     * told when the cap cut a hedge cycle's size.
     */
    public static StatefulStrategy createStateful(FibHedgeParams p, double cap, Consumer<String> onCapped) {
        if (!p.isRules()) {
            FibHedgeStrategy fib = new FibHedgeStrategy(p);
            return cap == Double.POSITIVE_INFINITY ? fib : fib.capCycleNotional(cap, onCapped);
        }
        FibHedgeParams.Sizing s = p.sizing();
        RulesStrategy rules = new RulesStrategy(p.coin(), p.interval().millis(), p.trigger(), p.rules(),
                new RulesStrategy.Sizing(s.allocation(), s.cashReserve(), s.leverage(), s.fixedQty()));
        return cap == Double.POSITIVE_INFINITY ? rules : rules.capNotional(cap);
    }

    /** The config's type name of a parameter set. */
    public static String type(FibHedgeParams p) {
        return p.isRules() ? TA4J_RULES : FIB_HEDGE;
    }
}
