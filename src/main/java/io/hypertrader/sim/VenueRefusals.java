package io.hypertrader.sim;

import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.RejectCode;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.exec.VenueRules;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.model.RejectionModel;

import java.util.Locale;

/**
 * Why the simulated venue refuses an arriving order (docs/simulator.md, "Refusals"): Hyperliquid's
 * own rules ({@link VenueRules}, the copy the live venue checks too) and the margin they need when
 * the profile applies them, then the profile's notional cap and random refusals; and the message
 * each refusal carries.
 */
final class VenueRefusals {

    private final Account account;
    private final RejectionModel rules;

    VenueRefusals(Account account, RejectionModel rules) {
        this.account = account;
        this.rules = rules;
    }

    /** The first refusal of order o arriving for coin c at price a, or null when it is accepted. */
    RejectCode check(int c, TrackedOrder o, double a) {
        OrderRequest r = o.request();
        double ref = VenueRules.referencePrice(r, a);
        double pos = account.position(c);
        if (rules.exchangeRules()) {
            RejectCode exchange = VenueRules.refusal(r, account.instrument(c).szDecimals(), a, pos);
            if (exchange != null) {
                return exchange;
            }
            double newPos = pos + r.signedSize();
            if (!r.type().isTrigger() && Math.abs(newPos) > Math.abs(pos) + SimulatedVenue.SIZE_EPS) {
                double added = (Math.abs(newPos) - Math.abs(pos)) * ref / account.leverage(c);
                if (account.freeCollateral() < added) {
                    return RejectCode.INSUFFICIENT_MARGIN;
                }
            }
        }
        if (r.size() * ref > rules.maxNotionalUsd()) {
            return RejectCode.NOTIONAL_CAP;
        }
        if (rules.randomRefusal()) {
            return RejectCode.RANDOM;
        }
        return null;
    }

    /** The message of refusal {@code code} of order o for coin c arriving at price a. */
    String message(RejectCode code, int c, TrackedOrder o, double a) {
        OrderRequest r = o.request();
        return switch (code) {
            case SIZE_OFF_GRID, PRICE_OFF_GRID, REDUCE_ONLY, MIN_NOTIONAL ->
                    VenueRules.message(code, r, account.instrument(c).szDecimals(), account.position(c), r.size() * a);
            case INSUFFICIENT_MARGIN -> "insufficient margin: free collateral " + fmt(account.freeCollateral()) + " USDC";
            case NOTIONAL_CAP -> "order value " + fmt(r.size() * a) + " USDC exceeds the cap of "
                    + fmt(rules.maxNotionalUsd()) + " USDC";
            case POST_ONLY_WOULD_TAKE -> "post-only order would have taken liquidity (ALO refused)";
            case RANDOM -> String.format(Locale.ROOT, "simulated random venue refusal (rate %.1f%%)",
                    100 * rules.randomRate());
            default -> code.name();
        };
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
