package io.hypertrader.exec;

import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Hyperliquid's own order rules (docs/exchange.md, "Order rules"), the one copy both venues check:
 * the simulator before an arriving order may trade, the live venue before it signs and sends one.
 * In the order they are checked, the first broken rule decides the {@link RejectCode}:
 * <ol>
 *   <li>the size on the coin's size grid ({@link RejectCode#SIZE_OFF_GRID});</li>
 *   <li>a limit or trigger price on the price grid ({@link RejectCode#PRICE_OFF_GRID});</li>
 *   <li>a reduce-only order must not open or grow the position ({@link RejectCode#REDUCE_ONLY});</li>
 *   <li>the order worth at least $10 at its reference price, unless it is reduce-only and closes
 *       the whole position ({@link RejectCode#MIN_NOTIONAL}).</li>
 * </ol>
 * The last two need the position. The live venue's view of it can lag a fill the exchange has
 * already made, and refusing a protective reduce-only order on a stale position would be worse
 * than sending it: a venue that does not know the position passes NaN, and both position rules
 * are then left to the exchange for reduce-only orders.
 *
 * <p>Margin, the notional cap and random refusals are the simulator's own (the exchange decides
 * margin live), so they are not here.
 */
public final class VenueRules {

    /** Sizes within this of the position count as the whole position (the simulator's tolerance). */
    private static final double SIZE_EPS = 1e-9;

    private VenueRules() {
    }

    /**
     * The first exchange rule the order breaks, or null when it breaks none.
     *
     * @param szDecimals  the coin's size decimals
     * @param marketPrice the market price a market order would trade at (NaN when unknown: the
     *                    value rule then passes it)
     * @param position    the signed position in coins, or NaN when the venue does not know it
     */
    public static RejectCode refusal(OrderRequest r, int szDecimals, double marketPrice, double position) {
        RejectCode grid = gridRefusal(r, szDecimals);
        if (grid != null) {
            return grid;
        }
        if (reduceOnlyWouldIncrease(r, position)) {
            return RejectCode.REDUCE_ONLY;
        }
        if (belowMinNotional(r, referencePrice(r, marketPrice), position)) {
            return RejectCode.MIN_NOTIONAL;
        }
        return null;
    }

    /** {@link RejectCode#SIZE_OFF_GRID} or {@link RejectCode#PRICE_OFF_GRID} when off the coin's grid; null when on it. */
    public static RejectCode gridRefusal(OrderRequest r, int szDecimals) {
        if (!OrderRounding.isValidSize(r.size(), szDecimals)) {
            return RejectCode.SIZE_OFF_GRID;
        }
        if (r.type() == OrderType.LIMIT && !OrderRounding.isValidPrice(BigDecimal.valueOf(r.limitPrice()), szDecimals, false)) {
            return RejectCode.PRICE_OFF_GRID;
        }
        if (r.type().isTrigger() && !OrderRounding.isValidPrice(BigDecimal.valueOf(r.triggerPrice()), szDecimals, false)) {
            return RejectCode.PRICE_OFF_GRID;
        }
        return null;
    }

    /** The price an order's value is judged at: its limit, its trigger, or the market price for a market order. */
    public static double referencePrice(OrderRequest r, double marketPrice) {
        return r.type() == OrderType.LIMIT ? r.limitPrice() : r.type().isTrigger() ? r.triggerPrice() : marketPrice;
    }

    /** True for a reduce-only order against a flat position or on the position's own side (false when the position is NaN, unknown). */
    public static boolean reduceOnlyWouldIncrease(OrderRequest r, double position) {
        return r.reduceOnly() && (position == 0 || Math.signum(position) == r.side().sign());
    }

    /**
     * True when the order is worth less than $10 at {@code refPrice}; a reduce-only order that
     * closes the whole position is exempt, as is any reduce-only order when the position is
     * unknown (NaN) and any order whose reference price is unknown (NaN).
     */
    public static boolean belowMinNotional(OrderRequest r, double refPrice, double position) {
        boolean closesAll = r.reduceOnly() && (Double.isNaN(position) || r.size() >= Math.abs(position) - SIZE_EPS);
        return !closesAll && r.size() * refPrice < OrderRounding.MIN_NOTIONAL_USD - 1e-9;
    }

    /**
     * True for a post-only (ALO) limit that would take liquidity on arrival at {@code marketPrice}:
     * Hyperliquid refuses it ({@link RejectCode#POST_ONLY_WOULD_TAKE}) rather than let it rest. Only
     * a venue that knows the price the order meets can judge it (the simulator); the live venue
     * leaves it to the exchange, whose book moves while the order travels.
     */
    public static boolean postOnlyWouldTake(OrderRequest r, double marketPrice) {
        return r.type() == OrderType.LIMIT && r.tif() == TimeInForce.ALO
                && (r.side() == Side.BUY ? marketPrice <= r.limitPrice() : marketPrice >= r.limitPrice());
    }

    /**
     * Why the order broke rule {@code code}, in the words the simulator has always used (they are
     * part of a backtest's pinned results).
     *
     * @param value the order's value in USDC shown for {@link RejectCode#MIN_NOTIONAL}
     */
    public static String message(RejectCode code, OrderRequest r, int szDecimals, double position, double value) {
        return switch (code) {
            case SIZE_OFF_GRID -> "size " + fmt(r.size()) + " is not a multiple of 10^-" + szDecimals;
            case PRICE_OFF_GRID -> "price " + fmt(r.type() == OrderType.LIMIT ? r.limitPrice() : r.triggerPrice())
                    + " is off the grid (5 significant figures, at most " + OrderRounding.maxPriceDecimals(szDecimals, false)
                    + " decimals)";
            case REDUCE_ONLY -> "reduce-only order would increase the position " + fmt(position);
            case MIN_NOTIONAL -> "order value " + fmt(value) + " USDC is below the $10 minimum";
            default -> code.name();
        };
    }

    /**
     * Smallest price step at this price: 5 significant figures, at most 6 - szDecimals decimals,
     * and 1 for prices of 100000 and more (integers are always valid). The simulator fills a
     * resting limit only once the path trades a tick through it.
     */
    public static double tick(double price, int szDecimals) {
        if (price >= 100_000) {
            return 1;
        }
        int exp = (int) Math.floor(Math.log10(price));
        double sig = Math.pow(10, exp - 4);
        double dec = Math.pow(10, -OrderRounding.maxPriceDecimals(szDecimals, false));
        return Math.max(sig, dec);
    }

    /** Six significant figures, the simulator's number format in refusal messages. */
    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
