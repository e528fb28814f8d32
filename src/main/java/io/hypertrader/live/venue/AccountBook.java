package io.hypertrader.live.venue;

import io.hypertrader.live.exchange.AccountState;
import io.hypertrader.live.exchange.UserFill;
import io.hypertrader.live.exchange.WireSide;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link HyperliquidVenue} knows of the account: the positions, account value and margin of
 * the last {@code clearinghouseState} read; the position a fill implies since that read (the
 * fill's start position plus its size, so a strategy sees its fill in the position at once); and
 * the realized P&amp;L and fees of the fills it booked, per coin (carried over a restart).
 * Single-threaded, like the venue.
 */
final class AccountBook {

    private final Map<String, AccountState.Position> positions = new LinkedHashMap<>();
    private final Map<String, Double> localPosition = new HashMap<>();
    private final Map<String, double[]> realizedFees = new LinkedHashMap<>();
    private double accountValue = Double.NaN;
    private double marginUsed;
    private boolean fresh;

    /** @param realizedAndFees per coin {realized P&amp;L, fees} booked before a restart */
    AccountBook(Map<String, double[]> realizedAndFees) {
        realizedAndFees.forEach((k, v) -> realizedFees.put(k, v.clone()));
    }

    /** Takes a {@code clearinghouseState} read after the fills: it includes them, so the fill-implied positions go. */
    void read(AccountState s) {
        positions.clear();
        for (AccountState.Position p : s.positions()) {
            positions.put(p.coin(), p);
        }
        localPosition.clear();
        accountValue = s.marginSummary().accountValue().doubleValue();
        marginUsed = s.marginSummary().totalMarginUsed().doubleValue();
        fresh = true;
    }

    /** True once the account was read. */
    boolean fresh() {
        return fresh;
    }

    /** Books a fill's realized P&amp;L and fee, and the position it leaves. */
    void book(UserFill f) {
        double[] rf = realizedFees.computeIfAbsent(f.coin(), c -> new double[2]);
        rf[0] += f.closedPnl() == null ? 0 : f.closedPnl().doubleValue();
        rf[1] += f.fee() == null ? 0 : f.fee().doubleValue();
        if (f.startPosition() != null) {
            double signed = f.side() == WireSide.BUY ? f.sz().doubleValue() : -f.sz().doubleValue();
            localPosition.put(f.coin(), f.startPosition().doubleValue() + signed);
        }
    }

    double position(String coin) {
        Double local = localPosition.get(coin);
        if (local != null) {
            return local;
        }
        AccountState.Position p = positions.get(coin);
        return p == null ? 0 : p.szi().doubleValue();
    }

    double entryPrice(String coin) {
        AccountState.Position p = positions.get(coin);
        return p == null || p.entryPx() == null || p.szi().signum() == 0 ? Double.NaN : p.entryPx().doubleValue();
    }

    double leverage(String coin) {
        AccountState.Position p = positions.get(coin);
        return p == null ? Double.NaN : p.leverage();
    }

    double netPnl(String coin) {
        double[] rf = realizedFees.getOrDefault(coin, new double[2]);
        AccountState.Position p = positions.get(coin);
        double unrealized = p == null ? 0 : p.unrealizedPnl().doubleValue();
        return rf[0] - rf[1] + unrealized;
    }

    /** Account value of the last read (savings included), USDC. */
    double value() {
        return accountValue;
    }

    double marginUsed() {
        return marginUsed;
    }

    /** Positions as last read, coin to signed size (only non-zero), with the fill-implied ones over them. */
    Map<String, Double> nonZeroPositions() {
        Map<String, Double> out = new LinkedHashMap<>();
        positions.forEach((c, p) -> {
            if (p.szi().signum() != 0) {
                out.put(c, p.szi().doubleValue());
            }
        });
        localPosition.forEach(out::put);
        return out;
    }
}
