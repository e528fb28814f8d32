package io.hypertrader.strategy.rules;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.num.NumFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The closed bars a strategy has seen, as a ta4j {@link BarSeries} of {@code DoubleNum}: the one
 * series every compiled condition of the strategy reads. A bar is added only at its close
 * ({@code onBarClose}), so no condition can see the bar in progress: between closes, every
 * condition keeps the value it had at the last close.
 */
public final class ClosedBars {
    private final BarSeries series = RuleCompiler.emptySeries();
    private final Duration period;

    /** @param barMs the bar length, ms (ta4j time bars end at open time plus it) */
    public ClosedBars(long barMs) {
        this.period = Duration.ofMillis(barMs);
    }

    public BarSeries series() {
        return series;
    }

    /** Appends a closed bar. */
    public void add(long openTimeMs, double open, double high, double low, double close, double volume) {
        // the bar itself rather than ta4j's builder: this runs once per bar of every backtest
        NumFactory n = series.numFactory();
        Instant begin = Instant.ofEpochMilli(openTimeMs);
        series.addBar(new BaseBar(period, begin, begin.plus(period), n.numOf(open), n.numOf(high), n.numOf(low),
                n.numOf(close), n.numOf(volume), n.zero(), 0));
    }

    /** Number of closed bars so far. */
    public int count() {
        return series.getBarCount();
    }

    /** A condition over these bars; null text gives null (no condition). */
    public Condition condition(String text, Map<String, Double> params) {
        return text == null ? null : new Condition(RuleCompiler.compile(text, series, params));
    }

    /** A compiled condition, read at the last closed bar. */
    public final class Condition {
        private final RuleCompiler.Compiled compiled;

        Condition(RuleCompiler.Compiled compiled) {
            this.compiled = compiled;
        }

        /** Closed bars needed before the condition can hold. */
        public int unstableBars() {
            return compiled.unstableBars();
        }

        /**
         * Whether the condition holds at the last closed bar; false before any bar and within the
         * first {@link #unstableBars()} bars (ta4j's unstable period, as {@code BaseStrategy} treats it).
         */
        public boolean holds() {
            int end = series.getEndIndex();
            return end >= 0 && end >= compiled.unstableBars() && compiled.rule().isSatisfied(end);
        }
    }
}
