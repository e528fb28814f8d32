package io.hypertrader.risk;

import io.hypertrader.core.FieldCheck;

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

    /** Ranges as a config states them; the loader prefixes "risk." to the field in its messages. */
    public RiskLimits {
        FieldCheck.in("maxPositionFraction", maxPositionFraction, "(0, 100]");
        FieldCheck.in("maxLeverage", maxLeverage, "(0, 200]");
        FieldCheck.in("dailyLossFraction", dailyLossFraction, "(0, 1)");
        FieldCheck.in("positionStopFraction", positionStopFraction, "(0, 1)");
        FieldCheck.in("maxOpenCoins", maxOpenCoins, "[1, 1000]");
        FieldCheck.in("maxOrderNotionalUsd", maxOrderNotionalUsd, "(0, 1e12]");
        FieldCheck.in("maxOrdersPerMinute", maxOrdersPerMinute, "[1, 100000]");
        FieldCheck.in("maxPositionNotionalUsd", maxPositionNotionalUsd, "(0, inf]");
    }

    /** The same limits with an absolute position cap (USDC). */
    public RiskLimits withMaxPositionNotionalUsd(double cap) {
        return new RiskLimits(maxPositionFraction, maxLeverage, dailyLossFraction, positionStopFraction,
                maxOpenCoins, maxOrderNotionalUsd, maxOrdersPerMinute, cap);
    }
}
