package io.hypertrader.analytics;

/**
 * One cycle of the Fibonacci hedge strategy (docs/strategy.md, "Notation" and "Cycles and capture"), as the capture
 * statistics need it.
 *
 * @param startTime  UTC epoch ms when the cycle started
 * @param endTime    UTC epoch ms when it ended (the end of the data for an incomplete cycle)
 * @param quantity   Q, the base quantity of the cycle in coins (> 0)
 * @param entry      E, the average entry price of the cycle's position
 * @param extreme    H, the highest price seen (lowest for the bear thesis), frozen when the hedge fired
 * @param netPnl     the cycle's P&L in quote currency after fees, slippage and funding
 * @param hedgeRatio the retracement ratio of the hedge level (0.236 by default); the ideal capture is 1 - it
 * @param complete   false for the cycle still open at the end of the data (left out of the averages)
 * @param endReason  why it ended, free text for the report (e.g. "hedge lifted", "stop", "end of data")
 */
public record CycleOutcome(long startTime, long endTime, double quantity, double entry, double extreme,
                           double netPnl, double hedgeRatio, boolean complete, String endReason) {
    public CycleOutcome {
        if (endTime < startTime) {
            throw new IllegalArgumentException("cycle ends at " + endTime + " before it starts at " + startTime);
        }
        if (!(quantity > 0) || !(entry > 0) || !(extreme > 0) || !Double.isFinite(netPnl)) {
            throw new IllegalArgumentException("cycle needs quantity, entry and extreme > 0 and a finite P&L, got Q="
                    + quantity + " E=" + entry + " H=" + extreme + " pnl=" + netPnl);
        }
        if (!(hedgeRatio > 0 && hedgeRatio < 1)) {
            throw new IllegalArgumentException("hedge ratio must be in (0, 1), got " + hedgeRatio);
        }
        endReason = endReason == null ? "" : endReason;
    }

    /** capture = netPnl / (Q * |H - E|); NaN when H = E (no gain to capture). */
    public double capture() {
        double gain = quantity * Math.abs(extreme - entry);
        return gain > 0 ? netPnl / gain : Double.NaN;
    }

    /** The capture the rules promise: 1 - hedge ratio (0.77 for a 0.23 hedge). */
    public double idealCapture() {
        return 1 - hedgeRatio;
    }
}
