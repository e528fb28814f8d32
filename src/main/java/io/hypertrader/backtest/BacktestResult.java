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
                             String eventLogSha256, long eventCount, Summary summary) {

    /**
     * Headline numbers. Returns and drawdown are fractions; money in USDC; costs positive = paid.
     * {@code ledgerResidual} = (final - initial) - (pricePnl - fees - funding - slippage): zero up
     * to floating-point error. {@code orderCount} counts every order the strategies placed (venue
     * orders plus risk refusals), {@code rejectedCount} the venue's rejections plus the risk
     * refusals (each refused order once), {@code riskEvents} every risk event (refusals, forced
     * closes, halts). {@code quietBars} is a diagnostic of the replay, not of the strategy: the bars
     * its fast path took whole (nothing but marks and funding could happen in them, see
     * {@code Strategy#absorbQuietBar}); every other bar was replayed point by point.
     */
    public record Summary(double initialEquity, double finalEquity, double totalReturn, double maxDrawdown,
                          int orderCount, int fillCount, int rejectedCount, int cancelledCount, double fees,
                          double funding, double slippage, double pricePnl, double ledgerResidual,
                          double tradedNotional, int cycles, int liquidations, int riskEvents, int quietBars) {
    }
}
