package io.hypertrader.live.deployment;

import io.hypertrader.live.store.LiveStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A deployment's own book: per coin, the net position, its average entry price and the realized
 * P&L of the deployment's journaled fills, at average cost (how the exchange's closedPnl counts).
 * It starts flat, as every deployment does, so it knows what this deployment made or lost even
 * when the trading account holds other money or other positions. Fees are subtracted; funding is
 * not in the fills and so not in this book (the exchange settles it into the account value).
 * Not thread-safe.
 */
public final class DeploymentBook {

    /** A position below this many coins is a rounding residue: flat. */
    private static final double DUST = 1e-12;

    private static final class Leg {
        double size;
        double entry = Double.NaN;
        double realized;
        double fees;
    }

    private final Map<String, Leg> legs = new LinkedHashMap<>();

    /** The book of a deployment's journaled fills, in the order given (time order). */
    public static DeploymentBook of(List<LiveStore.FillRow> fills) {
        DeploymentBook b = new DeploymentBook();
        for (LiveStore.FillRow f : fills) {
            b.add(f.coin(), "BUY".equals(f.side()), f.size(), f.price(), f.fee());
        }
        return b;
    }

    /** Books one fill: {@code size} coins (positive) bought or sold at {@code price}, paying {@code fee} USDC. */
    public void add(String coin, boolean buy, double size, double price, double fee) {
        Leg l = legs.computeIfAbsent(coin, c -> new Leg());
        l.fees += fee;
        double dq = buy ? size : -size;
        if (l.size == 0 || Math.signum(l.size) == Math.signum(dq)) {
            double n = Math.abs(l.size) + size;
            l.entry = l.size == 0 ? price : (l.entry * Math.abs(l.size) + price * size) / n;
            l.size += dq;
            return;
        }
        double closed = Math.min(size, Math.abs(l.size));
        l.realized += closed * (price - l.entry) * Math.signum(l.size);
        double after = l.size + dq;
        if (Math.abs(after) <= DUST) {
            l.size = 0;
            l.entry = Double.NaN;
        } else if (Math.signum(after) != Math.signum(l.size)) {
            l.size = after; // flipped: the rest opens at this price
            l.entry = price;
        } else {
            l.size = after;
        }
    }

    /** Realized P&L minus fees over every coin, USDC. */
    public double realized() {
        double r = 0;
        for (Leg l : legs.values()) {
            r += l.realized - l.fees;
        }
        return r;
    }

    /** Unrealized P&L of the open positions at {@code mark} (coin name to price; NaN: at entry, so 0), USDC. */
    public double unrealized(ToDoubleFunction<String> mark) {
        double u = 0;
        for (Map.Entry<String, Leg> e : legs.entrySet()) {
            Leg l = e.getValue();
            double m = l.size == 0 ? Double.NaN : mark.applyAsDouble(e.getKey());
            if (!Double.isNaN(m)) {
                u += l.size * (m - l.entry);
            }
        }
        return u;
    }

    /** Notional of the open positions at {@code mark} (at entry where the mark is NaN), USDC. */
    public double exposure(ToDoubleFunction<String> mark) {
        double x = 0;
        for (Map.Entry<String, Leg> e : legs.entrySet()) {
            Leg l = e.getValue();
            if (l.size != 0) {
                double m = mark.applyAsDouble(e.getKey());
                x += Math.abs(l.size) * (Double.isNaN(m) ? l.entry : m);
            }
        }
        return x;
    }

    /** The signed net position of the coin, coins. */
    public double position(String coin) {
        Leg l = legs.get(coin);
        return l == null ? 0 : l.size;
    }

    /** Average entry price of the coin's open position; NaN when flat. */
    public double entry(String coin) {
        Leg l = legs.get(coin);
        return l == null ? Double.NaN : l.entry;
    }

    /** The coins the book has seen fills of. */
    public Set<String> coins() {
        return legs.keySet();
    }
}
