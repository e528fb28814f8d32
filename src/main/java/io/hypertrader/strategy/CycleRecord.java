package io.hypertrader.strategy;

import io.hypertrader.core.Coin;

/**
 * One completed (or, at the end of a run, still open) cycle of a hedge strategy.
 *
 * @param index       0-based cycle number of the coin
 * @param thesis      "bull" or "bear"
 * @param startTime   decision time of the cycle's start (UTC ms)
 * @param endTime     decision time of the transition that ended it
 * @param q           base quantity Q, coins
 * @param e           average entry price E of the cycle's position, USDC
 * @param h           the extreme H (highest for bull, lowest for bear), frozen at the hedge
 * @param levelHedge  level price L(hedge), NaN when the hedge never fired
 * @param levelScale  level price L(scale), NaN when the hedge never fired
 * @param levelDeep   level price L(deep), NaN when the hedge never fired
 * @param pnl         net P&L of the coin over the cycle (after fees, slippage and funding), USDC
 * @param capture     pnl / (Q * |H - E|); NaN when the gain is zero
 * @param maxState    the deepest state reached (FULL, HEDGED, SCALED, DEEP)
 * @param endReason   lift-peak, lift-stop, reversal, long-stop, liquidation, risk-stop (a risk manager's position
 *                    stop closed the position), end-of-data
 * @param complete    false when the run ended with the cycle open (pnl marked to market)
 */
public record CycleRecord(Coin coin, int index, String thesis, long startTime, long endTime, double q, double e,
                          double h, double levelHedge, double levelScale, double levelDeep, double pnl,
                          double capture, String maxState, String endReason, boolean complete) {
}
