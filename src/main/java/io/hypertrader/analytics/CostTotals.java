package io.hypertrader.analytics;

/**
 * Trading costs of a run in quote currency, summed by the ledger.
 *
 * @param fees     exchange fees paid (positive = paid; maker rebates make it smaller)
 * @param funding  funding paid (positive = paid, negative = received)
 * @param slippage cost of fills against the reference price (positive = worse than the reference)
 * @param tradedNotional sum over fills of |quantity * price|, the base of turnover
 */
public record CostTotals(double fees, double funding, double slippage, double tradedNotional) {
    public CostTotals {
        if (!Double.isFinite(fees) || !Double.isFinite(funding) || !Double.isFinite(slippage)
                || !(tradedNotional >= 0) || Double.isInfinite(tradedNotional)) {
            throw new IllegalArgumentException("cost totals must be finite and traded notional >= 0, got fees="
                    + fees + " funding=" + funding + " slippage=" + slippage + " traded=" + tradedNotional);
        }
    }

    public static final CostTotals NONE = new CostTotals(0, 0, 0, 0);

    /** fees + funding + slippage. */
    public double total() {
        return fees + funding + slippage;
    }
}
