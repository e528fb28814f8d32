package io.hypertrader.live.exchange;

import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as Hyperliquid's wire takes it (named apart from the engine's {@code core.OrderRequest},
 * which strategies send; {@code HyperliquidVenue} turns one into the other). Prices and sizes are
 * exact decimals; {@link OrderWire} puts
 * them on the exchange's grid through {@code OrderRounding} (price by intent, size down) before
 * signing.
 *
 * @param coin       perp name as in meta (e.g. "BTC")
 * @param isBuy      side
 * @param limitPx    limit price; for triggers the price of the order placed when triggered
 *                   (for market triggers the worst acceptable price)
 * @param size       size in coin units, positive
 * @param reduceOnly only reduce a position, never open or flip one
 * @param type       limit with time-in-force, or trigger
 * @param cloid      client order id; strongly recommended (without it an unknown outcome cannot be
 *                   resolved and surfaces as {@link OutcomeUnknownException})
 */
public record ExchangeOrder(String coin, boolean isBuy, BigDecimal limitPx, BigDecimal size, boolean reduceOnly,
                           Type type, Cloid cloid) {

    /** Time in force of a limit order. */
    public enum Tif {
        /** Good till cancelled. */
        GTC("Gtc"),
        /** Immediate or cancel: the unfilled rest is cancelled (market orders). */
        IOC("Ioc"),
        /** Add liquidity only (post-only): cancelled instead of taking. */
        ALO("Alo");

        private final String wire;

        Tif(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Take-profit or stop-loss trigger. */
    public enum Tpsl {
        TP("tp"), SL("sl");

        private final String wire;

        Tpsl(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Limit or trigger order type. */
    public sealed interface Type permits Limit, Trigger {
    }

    /** A limit order with a time in force. */
    public record Limit(Tif tif) implements Type {
        public Limit {
            Objects.requireNonNull(tif, "tif");
        }
    }

    /** A trigger (stop / take-profit): fires when the mark crosses triggerPx; isMarket executes as market. */
    public record Trigger(BigDecimal triggerPx, boolean isMarket, Tpsl tpsl) implements Type {
        public Trigger {
            Objects.requireNonNull(triggerPx, "triggerPx");
            Objects.requireNonNull(tpsl, "tpsl");
            if (triggerPx.signum() <= 0) {
                throw new IllegalArgumentException("triggerPx must be positive, got " + triggerPx.toPlainString());
            }
        }
    }

    public ExchangeOrder {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(limitPx, "limitPx");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(type, "type");
        if (limitPx.signum() <= 0) {
            throw new IllegalArgumentException(coin + ": limit price must be positive, got " + limitPx.toPlainString());
        }
        if (size.signum() <= 0) {
            throw new IllegalArgumentException(coin + ": size must be positive, got " + size.toPlainString());
        }
    }

    public static ExchangeOrder limit(String coin, boolean isBuy, BigDecimal px, BigDecimal size, Tif tif, Cloid cloid) {
        return new ExchangeOrder(coin, isBuy, px, size, false, new Limit(tif), cloid);
    }

    public static ExchangeOrder trigger(String coin, boolean isBuy, BigDecimal px, BigDecimal size, BigDecimal triggerPx,
                                       boolean isMarket, Tpsl tpsl, boolean reduceOnly, Cloid cloid) {
        return new ExchangeOrder(coin, isBuy, px, size, reduceOnly, new Trigger(triggerPx, isMarket, tpsl), cloid);
    }

    public ExchangeOrder withReduceOnly(boolean r) {
        return new ExchangeOrder(coin, isBuy, limitPx, size, r, type, cloid);
    }

    public ExchangeOrder withCloid(Cloid c) {
        return new ExchangeOrder(coin, isBuy, limitPx, size, reduceOnly, type, c);
    }

    /** True for IOC limits (and market orders built as IOC limits): price rounds aggressively. */
    public boolean isAggressive() {
        return type instanceof Limit l && l.tif() == Tif.IOC;
    }
}
