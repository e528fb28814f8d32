package io.hypertrader.config;

import io.hypertrader.core.FieldCheck;

/**
 * Gates for promoting a config (issue 6 "Promotion"); defined by the live-trading work, carried
 * by the strategy file's {@code promotion:} section. {@link #DEFAULTS} is the one statement of the
 * defaults; the compact constructor checks the ranges.
 *
 * @param paperMaxDrawdown        a backtest of this config hash must have a max drawdown at most this (fraction)
 * @param paperMinTrades          ... and at least this many fills
 * @param testnetMinPaperHours    a paper deployment must have run this long
 * @param testnetMinPaperTrades   ... with at least this many fills
 * @param mainnetMinTestnetOrders testnet orders needed before mainnet
 * @param mainnetMinSuccessRate   share of those that succeeded (fraction)
 * @param mainnetMaxPositionUsd   position cap on mainnet until raised deliberately, USDC
 * @param confirmationHours       how long a mainnet confirmation stays valid
 */
public record PromotionConfig(double paperMaxDrawdown, int paperMinTrades, double testnetMinPaperHours,
                              int testnetMinPaperTrades, int mainnetMinTestnetOrders, double mainnetMinSuccessRate,
                              double mainnetMaxPositionUsd, double confirmationHours) {
    public static final PromotionConfig DEFAULTS = new PromotionConfig(0.25, 10, 24, 5, 100, 0.95, 100, 24);

    public PromotionConfig {
        FieldCheck.in("paperMaxDrawdown", paperMaxDrawdown, "(0, 1]");
        FieldCheck.in("paperMinTrades", paperMinTrades, "[0, 1000000]");
        FieldCheck.in("testnetMinPaperHours", testnetMinPaperHours, "[0, 1e6]");
        FieldCheck.in("testnetMinPaperTrades", testnetMinPaperTrades, "[0, 1000000]");
        FieldCheck.in("mainnetMinTestnetOrders", mainnetMinTestnetOrders, "[0, 1000000]");
        FieldCheck.in("mainnetMinSuccessRate", mainnetMinSuccessRate, "[0, 1]");
        FieldCheck.in("mainnetMaxPositionUsd", mainnetMaxPositionUsd, "(0, 1e12]");
        FieldCheck.in("confirmationHours", confirmationHours, "(0, 1e6]");
    }
}
