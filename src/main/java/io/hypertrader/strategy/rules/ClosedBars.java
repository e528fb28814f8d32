package io.hypertrader.strategy.rules;

import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.num.NumFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The closed bars a strategy has seen, as a ta4j {@link BarSeries} of {@code DoubleNum}: the one
 * series every compiled condition of the strategy reads, always at {@link #lastIndex()}. A bar is
 * added only at its close ({@code onBarClose}), so no condition can see the bar in progress:
 * between closes, every condition keeps the value it had at the last close.
 *
 * <p><b>The placeholder.</b> ta4j treats a series' last bar as one that may still change: every
 * indicator re-checks it under a lock on each read and never caches it, which made a rule
 * strategy several times slower than ta4j's own backtest over a finished series. So after each
 * closed bar the series holds one placeholder, a copy of that bar one period later, which the
 * next closed bar replaces. The last closed bar is then an ordinary, cached index; nothing reads
 * the placeholder (conditions are read at {@link #lastIndex()}, and ta4j indicators only look back),
 * and it holds nothing the closed bars do not. Code handed the series must read it at the index it
 * is given, not at {@code getEndIndex()}.
 */
public final class ClosedBars {
    private final BarSeries series = RuleCompiler.emptySeries();
    private final Duration period;
    private int closed;

    /** @param barMs the bar length, ms (ta4j time bars end at open time plus it) */
    public ClosedBars(long barMs) {
        this.period = Duration.ofMillis(barMs);
    }

    /** The ta4j series: the closed bars, then the placeholder once a bar has closed. */
    public BarSeries series() {
        return series;
    }

    /** Appends a closed bar (in the placeholder's slot) and a new placeholder after it. */
    public void add(long openTimeMs, double open, double high, double low, double close, double volume) {
        // the bars themselves rather than ta4j's builder: this runs once per bar of every backtest
        NumFactory n = series.numFactory();
        Instant begin = Instant.ofEpochMilli(openTimeMs);
        Instant end = begin.plus(period);
        Bar bar = new BaseBar(period, begin, end, n.numOf(open), n.numOf(high), n.numOf(low), n.numOf(close),
                n.numOf(volume), n.zero(), 0);
        series.addBar(bar, closed > 0);
        series.addBar(new BaseBar(period, end, end.plus(period), bar.getOpenPrice(), bar.getHighPrice(), bar.getLowPrice(),
                bar.getClosePrice(), bar.getVolume(), n.zero(), 0));
        closed++;
    }

    /** Number of closed bars so far. */
    public int count() {
        return closed;
    }

    /** Index of the last closed bar in {@link #series()}, -1 before any. */
    public int lastIndex() {
        return closed - 1;
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
            int last = lastIndex();
            return last >= 0 && last >= compiled.unstableBars() && compiled.rule().isSatisfied(last);
        }
    }
}
