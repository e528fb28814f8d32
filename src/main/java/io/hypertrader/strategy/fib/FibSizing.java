package io.hypertrader.strategy.fib;

import io.hypertrader.core.Coin;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.OrderRounding;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The money side of the Fibonacci hedge (docs/strategy.md, "Sizing" and "Profit"): the base
 * quantity Q of a new cycle from the venue's equity and the config's sizing (or its fixed
 * quantity), within the venue's opening caps and a deployment's cycle cap; and, at a cycle's
 * profitable end, the skim that tops the cash reserve back up and moves a share of the rest to
 * savings. Holds no strategy state: only the cap a runner sets.
 */
final class FibSizing {

    private final FibHedgeParams p;
    private final Coin coin;

    /**
     * Largest notional a cycle is sized to, USDC: a live deployment's position cap (and order cap),
     * so a capped deployment trades smaller instead of having every entry refused. Not state and
     * not a parameter: the runner sets it; backtests leave it infinite (no effect).
     */
    private double maxCycleNotional = Double.POSITIVE_INFINITY;
    /** Told when a cycle's size was cut to {@link #maxCycleNotional} (what it would have been, what it is). */
    private Consumer<String> onCapped = m -> {
    };

    FibSizing(FibHedgeParams p) {
        this.p = p;
        this.coin = p.coin();
    }

    /** See {@link FibHedgeStrategy#capCycleNotional}. */
    void capCycleNotional(double usd, Consumer<String> onCapped) {
        if (!(usd > 0)) {
            throw new IllegalArgumentException("the notional cap must be positive, got " + usd);
        }
        this.maxCycleNotional = usd;
        this.onCapped = Objects.requireNonNull(onCapped);
    }

    /** Q of a cycle opened at {@code price}, on the coin's size grid; 0 when it would be below the smallest order. */
    double q(ExecutionVenue venue, int szDecimals, double price) {
        double equity = venue.equity();
        FibHedgeParams.Sizing s = p.sizing();
        // the venue's absolute caps (a risk manager's order and position notional): sized down to
        // them, Q stays tradable when equity has outgrown them, instead of every entry being refused
        double cap = price > 0 ? venue.maxOpeningNotional(coin) / price : Double.POSITIVE_INFINITY;
        if (!Double.isNaN(s.fixedQty())) {
            double fq = OrderRounding.roundSize(Math.min(s.fixedQty(), cap), szDecimals);
            if (fq * price > maxCycleNotional && price > 0) {
                fq = OrderRounding.roundSize(maxCycleNotional / price, szDecimals); // rounded down: stays under the cap
            }
            return fq * price >= OrderRounding.MIN_NOTIONAL_USD ? fq : 0;
        }
        double notional = Math.min(notional(s, equity), maxCycleNotional);
        if (!(notional > 0) || !(price > 0)) {
            return 0;
        }
        double qNew = OrderRounding.roundSize(Math.min(notional / price, cap), szDecimals);
        return qNew * price >= OrderRounding.MIN_NOTIONAL_USD ? qNew : 0;
    }

    /** The notional the config's sizing gives at the venue's equity: allocation x (1 - cashReserve) x equity x leverage. */
    private static double notional(FibHedgeParams.Sizing s, double equity) {
        double margin = s.allocation() * (equity - s.cashReserve() * equity);
        return margin * s.leverage();
    }

    /** Tells the runner when the cap cut the size {@code qNew} (positive) of the cycle being opened at {@code price}. */
    void reportCap(ExecutionVenue venue, double price, double qNew) {
        if (maxCycleNotional == Double.POSITIVE_INFINITY) {
            return;
        }
        FibHedgeParams.Sizing s = p.sizing();
        double wanted = Double.isNaN(s.fixedQty()) ? notional(s, venue.equity()) : s.fixedQty() * price;
        if (wanted > maxCycleNotional) {
            onCapped.accept(String.format(Locale.ROOT, "%s cycle sized to %s %s = %.2f USDC at %s, cut from %.2f USDC by the"
                    + " position cap %.2f USDC", coin, OrderRounding.toWire(qNew), coin, qNew * price, price, wanted,
                    maxCycleNotional));
        }
    }

    /** Realized profit {@code pnl} first tops the cash reserve back up, then spotSavingsPct of the rest goes to savings. */
    void skim(ExecutionVenue venue, double pnl) {
        double equity = venue.equity();
        double deficit = Math.max(0, p.sizing().cashReserve() * equity - venue.freeCollateral());
        double rest = pnl - deficit;
        if (rest > 0) {
            double amount = Math.min(rest * p.profit().spotSavingsPct(), Math.max(0, venue.freeCollateral()));
            if (amount > 0) {
                venue.transferToSavings(amount);
            }
        }
    }
}
