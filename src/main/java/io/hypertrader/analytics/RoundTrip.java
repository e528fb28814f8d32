package io.hypertrader.analytics;

/**
 * One closed round trip (a position opened and closed again), the unit of the trade-based
 * statistics (win rate, profit factor, average win and loss).
 *
 * @param openTime  UTC epoch ms of the first fill that opened it
 * @param closeTime UTC epoch ms of the fill that closed it (>= openTime)
 * @param netPnl    realised P&L in quote currency after fees, slippage and funding; positive = profit
 */
public record RoundTrip(long openTime, long closeTime, double netPnl) {
    public RoundTrip {
        if (closeTime < openTime) {
            throw new IllegalArgumentException("round trip closes at " + closeTime + " before it opens at " + openTime);
        }
        if (!Double.isFinite(netPnl)) {
            throw new IllegalArgumentException("round trip net P&L must be finite, got " + netPnl);
        }
    }
}
