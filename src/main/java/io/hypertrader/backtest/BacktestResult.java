package io.hypertrader.backtest;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.portfolio.LiquidationRecord;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.TransitionRecord;

import java.util.List;

/**
 * The in-memory result of one backtest. Per-step arrays are indexed by replay step (one step per
 * distinct bar open time over all coins; one per bar for a single coin), recorded after the
 * step's bars closed: {@code times} (bar open time, UTC ms), {@code equity} (total account value
 * incl. savings, USDC), {@code cash}, {@code marginUsed} (initial margin), {@code savings}, and
 * per coin index {@code position} (signed coins), {@code longLeg}/{@code shortLeg} (coins) and
 * {@code mark} (USDC). Records are in event order. The arrays are read only: for one coin,
 * {@code times} and {@code mark} are the candle series' own open-time and close columns.
 *
 * <p>{@code orders} are the orders that reached the venue; {@code refusedOrders} those the risk
 * manager refused before any venue saw them (negative ids, status REJECTED, code RISK, the rule
 * and numbers as reason); {@code riskEvents} everything the risk manager did (refusals, forced
 * closes, daily halts), in event order. The last two are empty for a run without risk limits.
 */
public record BacktestResult(List<Coin> coins, SimConfig sim, long seed, long fromMs, long toMs, int rows,
                             long[] times, double[] equity, double[] cash, double[] marginUsed, double[] savings,
                             double[][] position, double[][] longLeg, double[][] shortLeg, double[][] mark,
                             List<TrackedOrder> orders, List<Fill> fills, List<CycleRecord> cycles,
                             List<TransitionRecord> transitions, List<LiquidationRecord> liquidations,
                             List<String> fundingSources, List<TrackedOrder> refusedOrders, List<RiskEvent> riskEvents,
                             String eventLogSha256, long eventCount, Summary summary, int detailBars,
                             int detailFallbackBars) {

    /**
     * A result of a run without detail candles. {@code detailBars} counts the bars replayed through
     * their finer candles ({@code --detail}), {@code detailFallbackBars} those of a coin with detail
     * candles that lacked some sub-bars and replayed their own path (both 0 without detail).
     */
    public BacktestResult(List<Coin> coins, SimConfig sim, long seed, long fromMs, long toMs, int rows,
                          long[] times, double[] equity, double[] cash, double[] marginUsed, double[] savings,
                          double[][] position, double[][] longLeg, double[][] shortLeg, double[][] mark,
                          List<TrackedOrder> orders, List<Fill> fills, List<CycleRecord> cycles,
                          List<TransitionRecord> transitions, List<LiquidationRecord> liquidations,
                          List<String> fundingSources, List<TrackedOrder> refusedOrders, List<RiskEvent> riskEvents,
                          String eventLogSha256, long eventCount, Summary summary) {
        this(coins, sim, seed, fromMs, toMs, rows, times, equity, cash, marginUsed, savings, position, longLeg, shortLeg, mark,
                orders, fills, cycles, transitions, liquidations, fundingSources, refusedOrders, riskEvents, eventLogSha256,
                eventCount, summary, 0, 0);
    }

    /**
     * Headline numbers. Returns and drawdown are fractions; money in USDC; costs positive = paid.
     * {@code ledgerResidual} = (final - initial) - (pricePnl - fees - funding - slippage): zero up
     * to floating-point error. {@code orderCount} counts every order the strategies placed (venue
     * orders plus risk refusals), {@code rejectedCount} the venue's rejections plus the risk
     * refusals (each refused order once), {@code riskEvents} every risk event (refusals, forced
     * closes, halts). {@code quietBars} is a diagnostic of the replay, not of the strategy: the bars
     * its fast path took whole (nothing but marks and funding could happen in them, see
     * {@code QuietBarAbsorber#absorbQuietBar}); every other bar was replayed point by point.
     */
    public record Summary(double initialEquity, double finalEquity, double totalReturn, double maxDrawdown,
                          int orderCount, int fillCount, int rejectedCount, int cancelledCount, double fees,
                          double funding, double slippage, double pricePnl, double ledgerResidual,
                          double tradedNotional, int cycles, int liquidations, int riskEvents, int quietBars) {
    }

    /**
     * Replay time the strategies spent refused, UTC ms: from each order the risk manager refused
     * (a {@link RiskEvent.Action#REFUSED} event of a coin) to that coin's next fill, or the end of
     * the run; overlapping spans (several refusals, several coins) count once. A strategy that is
     * refused and retries is kept out of the market all that time, which a count of refusals
     * does not say.
     */
    public long refusedTimeMs() {
        java.util.List<long[]> spans = new java.util.ArrayList<>();
        java.util.Map<String, long[]> open = new java.util.HashMap<>();
        int f = 0;
        List<RiskEvent> events = riskEvents;
        for (int k = 0; k <= events.size(); k++) {
            long until = k < events.size() ? events.get(k).timeMs() : Long.MAX_VALUE;
            for (; f < fills.size() && fills.get(f).timeMs() <= until; f++) {
                long[] sp = open.remove(fills.get(f).coin().name());
                if (sp != null) {
                    sp[1] = fills.get(f).timeMs();
                    spans.add(sp);
                }
            }
            if (k < events.size()) {
                RiskEvent e = events.get(k);
                if (e.action() == RiskEvent.Action.REFUSED && !"*".equals(e.coin())) {
                    open.putIfAbsent(e.coin(), new long[]{e.timeMs(), -1});
                }
            }
        }
        long end = times.length == 0 ? toMs : Math.max(toMs, times[times.length - 1]);
        for (long[] sp : open.values()) {
            sp[1] = end;
            spans.add(sp);
        }
        spans.sort(java.util.Comparator.comparingLong(x -> x[0]));
        long total = 0;
        long curStart = Long.MIN_VALUE;
        long curEnd = Long.MIN_VALUE;
        for (long[] sp : spans) {
            if (sp[0] > curEnd) {
                total += Math.max(0, curEnd - curStart);
                curStart = sp[0];
                curEnd = sp[1];
            } else {
                curEnd = Math.max(curEnd, sp[1]);
            }
        }
        return total + Math.max(0, curEnd - curStart);
    }

    /** {@link #refusedTimeMs()} as a fraction of the run's span ({@code fromMs} to {@code toMs}). */
    public double refusedFraction() {
        long span = toMs - fromMs;
        return span > 0 ? Math.min(1.0, (double) refusedTimeMs() / span) : 0;
    }
}
