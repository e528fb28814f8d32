package io.hypertrader.risk;

/**
 * Per-deployment risk limits. All fractions are of the account value (equity) in USDC.
 *
 * @param maxPositionFraction   largest position notional per coin as a fraction of equity (0.20 = 20%)
 * @param maxLeverage           largest total notional / equity over all coins (5 = 5x)
 * @param dailyLossFraction     loss from the UTC day's starting equity that blocks risk-increasing
 *                              orders until the next UTC day (0.05 = -5%)
 * @param positionStopFraction  unrealized loss, as a fraction of the position's margin, that closes
 *                              the position (0.10 = -10% of its margin)
 * @param maxOpenCoins          most coins with an open position at once
 * @param maxOrderNotionalUsd   largest notional of a single order, USDC
 * @param maxOrdersPerMinute    most orders accepted in any 60-second window
 * @param maxPositionNotionalUsd an absolute cap on any position's notional, USDC (mainnet starts at
 *                              100 until raised deliberately); {@code Double.POSITIVE_INFINITY} for none
 */
public record RiskLimits(double maxPositionFraction, double maxLeverage, double dailyLossFraction,
                         double positionStopFraction, int maxOpenCoins, double maxOrderNotionalUsd,
                         int maxOrdersPerMinute, double maxPositionNotionalUsd) {

    /** The defaults every new deployment gets. */
    public static final RiskLimits DEFAULTS = new RiskLimits(0.20, 5.0, 0.05, 0.10, 5, 25_000.0, 30,
            Double.POSITIVE_INFINITY);

    public RiskLimits {
        requirePositive("maxPositionFraction", maxPositionFraction);
        requirePositive("maxLeverage", maxLeverage);
        requireFraction("dailyLossFraction", dailyLossFraction);
        requireFraction("positionStopFraction", positionStopFraction);
        if (maxOpenCoins < 1) {
            throw new IllegalArgumentException("risk.maxOpenCoins must be at least 1, got " + maxOpenCoins);
        }
        requirePositive("maxOrderNotionalUsd", maxOrderNotionalUsd);
        if (maxOrdersPerMinute < 1) {
            throw new IllegalArgumentException("risk.maxOrdersPerMinute must be at least 1, got " + maxOrdersPerMinute);
        }
        requirePositive("maxPositionNotionalUsd", maxPositionNotionalUsd);
    }

    /** The same limits with an absolute position cap (USDC). */
    public RiskLimits withMaxPositionNotionalUsd(double cap) {
        return new RiskLimits(maxPositionFraction, maxLeverage, dailyLossFraction, positionStopFraction,
                maxOpenCoins, maxOrderNotionalUsd, maxOrdersPerMinute, cap);
    }

    private static void requirePositive(String field, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException("risk." + field + " must be > 0, got " + v);
        }
    }

    private static void requireFraction(String field, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException("risk." + field + " must be in (0, 1), got " + v);
        }
    }
}
