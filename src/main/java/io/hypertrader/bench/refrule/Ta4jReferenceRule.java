package io.hypertrader.bench.refrule;

import io.hypertrader.core.CandleSeries;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.Strategy;
import org.ta4j.core.Trade;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.CostModel;
import org.ta4j.core.analysis.cost.LinearTransactionCostModel;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeExecutionModel;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.NumFactory;
import org.ta4j.core.rules.AbstractRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference rule written the way a ta4j 0.22.2 user would: a {@link BarSeries}, a
 * {@link BaseStrategy} with two custom rules, {@link BarSeriesManager#run} with a
 * {@link LinearTransactionCostModel} of {@value ReferenceRule#FEE_RATE} per fill, fills at the
 * signal bar's close.
 *
 * <p>How the accounting maps onto ta4j (ta4j trades a fixed amount per run; the rule needs
 * all-in compounding):
 * <ul>
 *   <li>{@link AllInAtClose}, a {@link TradeExecutionModel}, replaces ta4j's
 *       {@code TradeOnCurrentCloseModel}. It fills at the bar's close like that model but picks
 *       the amount itself: an entry buys {@code amount = cash / (close (1 + fee))}, where cash is
 *       the initial cash before the first exit and afterwards the last exit's
 *       {@code amount * netPrice} (ta4j's net price of a sell is {@code price - cost / amount}); an
 *       exit sells the entry's amount. ta4j's cost model then charges
 *       {@code fee * price * amount} on each trade, exactly the rule's fee.</li>
 *   <li>The final equity is computed from ta4j's own position accounting:
 *       {@code INITIAL_CASH + sum of Position.getProfit() over closed positions}, plus, for a
 *       position still open, {@code getProfit(lastIndex, lastClose)} (gross profit at the last
 *       close minus the entry fee). With the all-in amounts this equals the cash chain
 *       {@code qty * close (1 - fee)} and the mark {@code qty * last close} of the plain loop;
 *       the agreement test checks it.</li>
 *   <li>The rules keep the running {@code H} and {@code L} incrementally (ta4j's own trailing
 *       rules rebuild a highest-value indicator on every bar, which would be quadratic and make
 *       ta4j look slower than it needs to be). State resets whenever the trading record shows a
 *       new entry or exit, so a fresh strategy must be used per run: {@link #run} builds one.</li>
 * </ul>
 * All arithmetic is done in the series' {@link Num} type, so the DecimalNum run pays for exact
 * decimals exactly as a default ta4j setup does.
 */
public final class Ta4jReferenceRule {

    private Ta4jReferenceRule() {
    }

    /**
     * Builds a ta4j series from our columnar candles with the given number type (ta4j's default
     * is {@code DecimalNumFactory.getInstance()}). Each bar ends at its open time plus the
     * interval, as ta4j's time bars do.
     */
    public static BarSeries series(CandleSeries candles, NumFactory nums) {
        BarSeries s = new BaseBarSeriesBuilder().withName(candles.coin() + "-" + candles.interval().code())
                .withNumFactory(nums).build();
        Duration period = Duration.ofMillis(candles.interval().millis());
        for (int i = 0; i < candles.size(); i++) {
            s.barBuilder().timePeriod(period).beginTime(Instant.ofEpochMilli(candles.openTime(i)))
                    .openPrice(candles.open(i)).highPrice(candles.high(i)).lowPrice(candles.low(i))
                    .closePrice(candles.close(i)).volume(candles.volume(i)).add();
        }
        return s;
    }

    /** Runs the rule over the whole series; fill indices are relative to its begin index. */
    public static ReferenceRule.Result run(BarSeries series) {
        TradingRecord record = backtest(series);
        return result(series, record);
    }

    /** The ta4j part of a run: a fresh strategy through {@link BarSeriesManager}. */
    public static TradingRecord backtest(BarSeries series) {
        NumFactory nums = series.numFactory();
        CostModel fees = new LinearTransactionCostModel(ReferenceRule.FEE_RATE);
        Trail trail = new Trail(series);
        Strategy strategy = new BaseStrategy("reference-rule", new EntryRule(trail), new ExitRule(trail));
        BarSeriesManager manager = new BarSeriesManager(series, fees, new ZeroCostModel(),
                new AllInAtClose(nums.numOf(ReferenceRule.INITIAL_CASH), nums.numOf(ReferenceRule.FEE_RATE)));
        return manager.run(strategy, Trade.TradeType.BUY, nums.one(), series.getBeginIndex(), series.getEndIndex());
    }

    /** Reads round trips, fills and final equity (ta4j's position accounting) off a trading record. */
    public static ReferenceRule.Result result(BarSeries series, TradingRecord record) {
        NumFactory nums = series.numFactory();
        Num equity = nums.numOf(ReferenceRule.INITIAL_CASH);
        List<Position> closed = record.getPositions();
        for (Position p : closed) {
            equity = equity.plus(p.getProfit());
        }
        Position current = record.getCurrentPosition();
        boolean open = current.isOpened();
        int last = series.getEndIndex();
        if (open) {
            equity = equity.plus(current.getProfit(last, series.getBar(last).getClosePrice()));
        }
        List<Trade> trades = new ArrayList<>(record.getTrades());
        int[] fills = new int[trades.size()];
        for (int k = 0; k < fills.length; k++) {
            fills[k] = trades.get(k).getIndex() - series.getBeginIndex();
        }
        return new ReferenceRule.Result(closed.size(), equity.doubleValue(), open, fills);
    }

    /**
     * Fills at the bar's close with all-in compounding amounts (see the class comment); ignores
     * the fixed amount {@link BarSeriesManager} passes in.
     */
    static final class AllInAtClose implements TradeExecutionModel {
        private final Num initialCash;
        private final Num buyFactor;

        AllInAtClose(Num initialCash, Num feeRate) {
            this.initialCash = initialCash;
            this.buyFactor = initialCash.getNumFactory().one().plus(feeRate);
        }

        @Override
        public void execute(int index, TradingRecord record, BarSeries series, Num ignoredAmount) {
            Num price = series.getBar(index).getClosePrice();
            Position current = record.getCurrentPosition();
            Num amount;
            if (current.isNew()) {
                Trade lastExit = record.getLastExit();
                Num cash = lastExit == null ? initialCash : lastExit.getAmount().multipliedBy(lastExit.getNetPrice());
                amount = cash.dividedBy(price.multipliedBy(buyFactor));
            } else {
                amount = current.getEntry().getAmount();
            }
            record.operate(index, price, amount);
        }
    }

    /** Running H (since the current entry) and L (since the last exit), shared by both rules of one run. */
    static final class Trail {
        final BarSeries series;
        final Num minRun;
        final Num exitRetrace;
        final Num reentryBounce;
        int entryIndex = -1;
        Num entry;
        Num peak;
        int exitIndex = -1;
        Num peakAtExit;
        Num trough;

        Trail(BarSeries series) {
            this.series = series;
            NumFactory nums = series.numFactory();
            this.minRun = nums.numOf(ReferenceRule.MIN_RUN);
            this.exitRetrace = nums.numOf(ReferenceRule.EXIT_RETRACE);
            this.reentryBounce = nums.numOf(ReferenceRule.REENTRY_BOUNCE);
        }
    }

    /** Sell when the run-up is at least 2% of E and the close gave back 23.6% of it. */
    static final class ExitRule extends AbstractRule {
        private final Trail t;

        ExitRule(Trail t) {
            this.t = t;
        }

        @Override
        public boolean isSatisfied(int index, TradingRecord record) {
            if (record == null || !record.getCurrentPosition().isOpened()) {
                return false;
            }
            Trade entry = record.getCurrentPosition().getEntry();
            if (entry.getIndex() != t.entryIndex) {
                t.entryIndex = entry.getIndex();
                t.entry = entry.getPricePerAsset();
                t.peak = t.entry;
            }
            if (index <= t.entryIndex) {
                return false;
            }
            var bar = t.series.getBar(index);
            t.peak = t.peak.max(bar.getHighPrice());
            Num run = t.peak.minus(t.entry);
            return run.isGreaterThanOrEqual(t.minRun.multipliedBy(t.entry))
                    && bar.getClosePrice().isLessThanOrEqual(t.peak.minus(t.exitRetrace.multipliedBy(run)));
        }
    }

    /**
     * Buy at bar {@value ReferenceRule#FIRST_ENTRY_BAR} when nothing was traded yet; after an exit,
     * buy when the close recovered 38.2% of {@code H_prev - L}. {@code H_prev} is the exit rule's
     * peak at the exit bar (the exit rule ran on that bar and triggered the exit).
     */
    static final class EntryRule extends AbstractRule {
        private final Trail t;

        EntryRule(Trail t) {
            this.t = t;
        }

        @Override
        public boolean isSatisfied(int index, TradingRecord record) {
            Trade exit = record == null ? null : record.getLastExit();
            if (exit == null) {
                return record != null && record.getCurrentPosition().isNew()
                        && index == t.series.getBeginIndex() + ReferenceRule.FIRST_ENTRY_BAR;
            }
            if (exit.getIndex() != t.exitIndex) {
                t.exitIndex = exit.getIndex();
                t.peakAtExit = t.peak;
                t.trough = exit.getPricePerAsset();
            }
            if (index <= t.exitIndex) {
                return false;
            }
            var bar = t.series.getBar(index);
            t.trough = t.trough.min(bar.getLowPrice());
            return bar.getClosePrice().isGreaterThanOrEqual(
                    t.trough.plus(t.reentryBounce.multipliedBy(t.peakAtExit.minus(t.trough))));
        }
    }
}
