package io.hypertrader.live.deployment;

import io.hypertrader.exec.OrderRounding;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.Locale;
import java.util.Optional;

/**
 * What a deployment's capital means for its orders: the first entry it sizes from the capital,
 * and the cap a cycle is scaled down to. One place, so promote, status and the runners agree.
 */
public final class CapitalSizing {

    private CapitalSizing() {
    }

    /**
     * The largest notional a cycle is sized to under {@code limits}, USDC: the position cap (the
     * deployment's mainnet cap, the config's risk.maxPositionNotionalUsd) and the largest single
     * order (a cycle's entry is one order). Infinite only when both are.
     */
    public static double cycleCap(RiskLimits limits) {
        return Math.min(limits.maxPositionNotionalUsd(), limits.maxOrderNotionalUsd());
    }

    /**
     * The notional of a coin's first entry at {@code equity}: allocation x (1 - cashReserve) x
     * equity x leverage, USDC; NaN for a fixedQty sizing (its notional needs a price).
     */
    public static double firstEntry(FibHedgeParams p, double equity) {
        FibHedgeParams.Sizing s = p.sizing();
        return Double.isNaN(s.fixedQty()) ? s.allocation() * (1 - s.cashReserve()) * equity * s.leverage() : Double.NaN;
    }

    /** Why {@code capital} could never place an entry (below the exchange's 10 USDC minimum order), if so. */
    public static Optional<String> tooSmall(TradingPlan plan, double capital) {
        for (FibHedgeParams p : plan.perCoin()) {
            double first = firstEntry(p, capital);
            if (first < OrderRounding.MIN_NOTIONAL_USD) {
                return Optional.of(String.format(Locale.ROOT, "%s's first entry would be %.2f USDC, below the exchange's minimum"
                        + " order of %.0f USDC: no entry could ever be placed; give more capital", p.coin(), first,
                        OrderRounding.MIN_NOTIONAL_USD));
            }
        }
        return Optional.empty();
    }

    /**
     * One line for a trader: the capital, each coin's first entry from it, and the cap entries are
     * scaled down to ({@code deploymentCap}: the mainnet position cap, null for none).
     */
    public static String describe(TradingPlan plan, double capital, Double deploymentCap) {
        RiskLimits limits = deploymentCap == null ? plan.risk()
                : plan.risk().withMaxPositionNotionalUsd(Math.min(deploymentCap, plan.risk().maxPositionNotionalUsd()));
        double cap = cycleCap(limits);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "capital %.2f USDC (sized from, with this deployment's"
                + " realized P&L, never more than the account holds)", capital));
        for (FibHedgeParams p : plan.perCoin()) {
            double first = firstEntry(p, capital);
            if (Double.isNaN(first)) {
                b.append(String.format(Locale.ROOT, "; %s fixed %s coins", p.coin(), OrderRounding.toWire(p.sizing().fixedQty())));
            } else {
                b.append(String.format(Locale.ROOT, "; %s first entry %.2f USDC", p.coin(), first));
                if (first > cap) {
                    b.append(String.format(Locale.ROOT, ", scaled down to the cap %.2f USDC", cap));
                }
            }
        }
        return b.toString();
    }
}
