package io.hypertrader.live.control;

import io.hypertrader.live.exchange.AccountState;
import io.hypertrader.live.exchange.CancelResult;
import io.hypertrader.live.exchange.ExchangeUnavailableException;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.OpenOrder;
import io.hypertrader.live.exchange.OrderResult;
import io.hypertrader.live.exchange.OutcomeUnknownException;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The emergency stop on the exchange: cancels every open order on the deployment's coins and,
 * with flatten, closes each position with a reduce-only IOC (market) order, then reads the
 * account again and reports what is left. Used by {@code hypertrader stop} (from any process) and
 * by a runner that sees the stop signal. Flatten orders carry cloids derived from
 * ({@code <deployment>/stop}, time, index), so the exchange client's lost-answer lookup applies.
 */
public final class StopExecutor {

    private StopExecutor() {
    }

    /** What a stop did and what it left. */
    public record Report(int cancelled, List<String> flattened, List<String> remainingOrders, List<String> remainingPositions,
                         List<String> errors) {
        public boolean clean() {
            return remainingOrders.isEmpty() && errors.isEmpty();
        }

        public String describe() {
            return String.format(Locale.ROOT, "cancelled %d open orders%s; open orders left: %s; positions left: %s%s", cancelled,
                    flattened.isEmpty() ? "" : "; flattened " + String.join(", ", flattened),
                    remainingOrders.isEmpty() ? "none" : String.join(", ", remainingOrders),
                    remainingPositions.isEmpty() ? "none" : String.join(", ", remainingPositions),
                    errors.isEmpty() ? "" : "; errors: " + String.join("; ", errors));
        }
    }

    public static Report stop(HyperliquidExchangeClient ex, Set<String> coins, String deploymentId, boolean flatten, LongSupplier clock) {
        TradingInfoClient info = ex.info();
        String user = ex.tradingUser();
        int cancelled = 0;
        List<String> errors = new ArrayList<>();
        List<String> flattened = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<long[]> toCancel = new ArrayList<>();
            try {
                for (OpenOrder o : info.frontendOpenOrders(user)) {
                    if (coins.contains(o.coin())) {
                        toCancel.add(new long[]{ex.assets().get(o.coin()).asset(), o.oid()});
                    }
                }
            } catch (TransportException | RuntimeException e) {
                errors.add("open orders unreadable: " + e.getMessage());
                break;
            }
            if (toCancel.isEmpty()) {
                break;
            }
            try {
                for (CancelResult r : ex.cancelOrders(toCancel)) {
                    if (r.success()) {
                        cancelled++;
                    }
                }
            } catch (OutcomeUnknownException | ExchangeUnavailableException e) {
                errors.add("cancel: " + e.getMessage());
            }
        }
        if (flatten) {
            try {
                AccountState s = info.clearinghouseState(user);
                int i = 0;
                long t = clock.getAsLong();
                for (AccountState.Position p : s.positions()) {
                    if (!coins.contains(p.coin()) || p.szi().signum() == 0) {
                        continue;
                    }
                    BigDecimal szi = p.szi();
                    Cloid cloid = Cloid.derive(deploymentId + "/stop", t * 16 + i++);
                    try {
                        OrderResult r = ex.marketOrder(p.coin(), szi.signum() < 0, szi.abs(), null, true, cloid);
                        flattened.add(p.coin() + " " + szi.toPlainString() + " -> " + r.kind()
                                + (r.error() != null ? " (" + r.error() + ")" : ""));
                    } catch (OutcomeUnknownException | ExchangeUnavailableException e) {
                        errors.add("flatten " + p.coin() + ": " + e.getMessage());
                    }
                }
            } catch (TransportException | RuntimeException e) {
                errors.add("positions unreadable: " + e.getMessage());
            }
        }
        List<String> leftOrders = new ArrayList<>();
        List<String> leftPositions = new ArrayList<>();
        try {
            for (OpenOrder o : info.frontendOpenOrders(user)) {
                if (coins.contains(o.coin())) {
                    leftOrders.add(o.coin() + " oid " + o.oid());
                }
            }
            for (AccountState.Position p : info.clearinghouseState(user).positions()) {
                if (coins.contains(p.coin()) && p.szi().signum() != 0) {
                    leftPositions.add(p.coin() + " " + p.szi().toPlainString());
                }
            }
        } catch (TransportException | RuntimeException e) {
            errors.add("final check failed: " + e.getMessage());
        }
        return new Report(cancelled, flattened, leftOrders, leftPositions, errors);
    }
}
