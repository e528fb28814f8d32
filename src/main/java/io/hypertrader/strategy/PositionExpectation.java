package io.hypertrader.strategy;

import io.hypertrader.core.Coin;
import io.hypertrader.exec.OrderRounding;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * What a {@link StatefulStrategy} believes about one coin's position, for checking a restored
 * strategy against the exchange before it trades (see {@link StatefulStrategy} for the restart
 * protocol this belongs to).
 *
 * @param coin           the coin
 * @param state          the strategy's state name (e.g. HEDGED)
 * @param position       the net position the strategy's own fill-by-fill view holds, signed coins
 *                       (long positive): what the exchange should show if nothing happened behind
 *                       the strategy's back
 * @param target         the net position its current state aims at, signed coins
 * @param atTarget       the strategy has nothing left to do for its state: no order in flight and no
 *                       difference to trade
 * @param willTrade      the strategy will send an order for a difference it decided before (a
 *                       transition not yet traded, a remainder to retry) at its next price point
 * @param ordersInFlight venue ids of the orders the strategy waits on (a market order in flight,
 *                       a resting entry limit); empty when none
 * @param szDecimals     the coin's size decimals (the grid the difference is judged on)
 * @param price          the last price the strategy saw (NaN before any)
 */
public record PositionExpectation(Coin coin, String state, double position, double target, boolean atTarget,
                                  boolean willTrade, List<Long> ordersInFlight, int szDecimals, double price) {

    /** What a restarted runner should do, given the exchange's position (see {@link #reconcile}). */
    public enum Reconciliation {
        /** They agree and the strategy has nothing pending: trading resumes, no order is sent. */
        RESUME,
        /**
         * They agree, and the strategy had decided a new target before the stop that it has not
         * reached (the transition is journaled): it trades the difference at its next price point,
         * the order it would have sent without the restart. A runner that prefers a person to
         * decide may halt here instead.
         */
        COMPLETE,
        /** They disagree (a manual trade, a fill missed while down): the runner halts and says what differs. */
        HALT
    }

    public PositionExpectation {
        ordersInFlight = List.copyOf(ordersInFlight);
    }

    /**
     * True when the exchange's position differs from {@link #position} by less than the strategy
     * itself would trade: the difference rounds down to nothing on the size grid, or is worth
     * less than the exchange's minimum order ($10) at the last price. Within that, the strategy's
     * own reconciliation would leave the account alone, so no restart decision can hinge on it.
     */
    public boolean agreesWith(double exchangePosition) {
        double size = OrderRounding.roundSize(Math.abs(exchangePosition - position), szDecimals);
        return size <= 0 || (!Double.isNaN(price) && size * price < OrderRounding.MIN_NOTIONAL_USD);
    }

    /**
     * The restart rule for one coin, once every order of {@link #ordersInFlight} has been
     * settled (its missed fills and final event handed to the strategy, or left open when it is
     * still resting at the exchange): {@link Reconciliation#HALT} when the positions disagree,
     * else {@link Reconciliation#COMPLETE} when the strategy will trade a difference it had
     * decided, else {@link Reconciliation#RESUME}.
     */
    public Reconciliation reconcile(double exchangePosition) {
        if (!agreesWith(exchangePosition)) {
            return Reconciliation.HALT;
        }
        return willTrade ? Reconciliation.COMPLETE : Reconciliation.RESUME;
    }

    /** One line for the trader: what the strategy expects and what the exchange holds. */
    public String describe(double exchangePosition) {
        String diff = agreesWith(exchangePosition) ? "agree" : "differ by " + num(exchangePosition - position) + " " + coin;
        return state + " " + coin + ": strategy holds " + num(position) + " (target " + num(target)
                + (atTarget ? ", at target" : willTrade ? ", to be traded" : ", not at target") + ")"
                + (ordersInFlight.isEmpty() ? "" : ", orders in flight " + ordersInFlight)
                + "; exchange holds " + num(exchangePosition) + ": " + diff;
    }

    /** A number for people: 8 significant digits, no exponent; "-" for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
