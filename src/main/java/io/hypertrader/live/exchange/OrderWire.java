package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Builds /exchange actions in the exact key order Hyperliquid hashes (docs/exchange.md, "Action key order"):
 * order {@code type, orders, grouping}; order wire {@code a, b, p, s, r, t[, c]}; trigger
 * {@code isMarket, triggerPx, tpsl}; cancel {@code a, o}; cancelByCloid {@code asset, cloid};
 * scheduleCancel {@code type[, time]}; updateLeverage {@code type, asset, isCross, leverage}.
 *
 * <p>Rounding: sizes round down to szDecimals; prices go through {@link OrderRounding} by intent:
 * a resting buy rounds down and a resting sell up (never more aggressive than asked), an IOC
 * buy rounds up and an IOC sell down (never less likely to fill than asked); trigger prices
 * round to the nearest tick. Prices already on the grid are unchanged.
 */
public final class OrderWire {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OrderWire() {
    }

    /** Order grouping: independent orders, or TP/SL children of the first order / of the position. */
    public enum Grouping {
        NA("na"), NORMAL_TPSL("normalTpsl"), POSITION_TPSL("positionTpsl");

        private final String wire;

        Grouping(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** The order action for a batch. */
    public static ObjectNode orderAction(List<ExchangeOrder> orders, Grouping grouping, AssetRegistry assets) {
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("an order action needs at least one order");
        }
        ObjectNode action = F.objectNode();
        action.put("type", "order");
        ArrayNode arr = action.putArray("orders");
        for (ExchangeOrder o : orders) {
            arr.add(orderWire(o, assets.get(o.coin())));
        }
        action.put("grouping", grouping.wire());
        return action;
    }

    /** One order wire: a, b, p, s, r, t[, c]. */
    public static ObjectNode orderWire(ExchangeOrder o, AssetRegistry.Asset asset) {
        ObjectNode w = F.objectNode();
        w.put("a", asset.asset());
        w.put("b", o.isBuy());
        w.put("p", OrderRounding.toWire(roundPrice(o.limitPx(), asset, priceMode(o))));
        BigDecimal size = OrderRounding.roundSize(o.size(), asset.szDecimals());
        if (size.signum() == 0) {
            throw new IllegalArgumentException(o.coin() + ": size " + o.size().toPlainString() + " rounds to zero at "
                    + asset.szDecimals() + " size decimals");
        }
        w.put("s", OrderRounding.toWire(size));
        w.put("r", o.reduceOnly());
        ObjectNode t = w.putObject("t");
        switch (o.type()) {
            case ExchangeOrder.Limit l -> t.putObject("limit").put("tif", l.tif().wire());
            case ExchangeOrder.Trigger tr -> {
                ObjectNode trig = t.putObject("trigger");
                trig.put("isMarket", tr.isMarket());
                trig.put("triggerPx", OrderRounding.toWire(roundPrice(tr.triggerPx(), asset, RoundingMode.HALF_EVEN)));
                trig.put("tpsl", tr.tpsl().wire());
            }
        }
        if (o.cloid() != null) {
            w.put("c", o.cloid().hex());
        }
        return w;
    }

    /** The rounding direction by intent (see the class comment). */
    static RoundingMode priceMode(ExchangeOrder o) {
        if (o.type() instanceof ExchangeOrder.Trigger tr) {
            // A market trigger's p is a slippage bound (nearest, as the SDKs do); a limit trigger rests.
            return tr.isMarket() ? RoundingMode.HALF_EVEN : (o.isBuy() ? RoundingMode.FLOOR : RoundingMode.CEILING);
        }
        if (o.isAggressive()) {
            return o.isBuy() ? RoundingMode.CEILING : RoundingMode.FLOOR;
        }
        return o.isBuy() ? RoundingMode.FLOOR : RoundingMode.CEILING;
    }

    static BigDecimal roundPrice(BigDecimal px, AssetRegistry.Asset asset, RoundingMode mode) {
        return OrderRounding.roundPrice(px, asset.szDecimals(), asset.spot(), mode);
    }

    /**
     * The IOC limit price of a market order: reference (mid) * (1 + slippage) for buys,
     * * (1 - slippage) for sells, rounded to 5 significant figures and the coin's decimals to the
     * nearest tick, exactly as the official SDKs and ccxt compute it.
     */
    public static BigDecimal slippagePrice(BigDecimal reference, boolean isBuy, BigDecimal slippage, AssetRegistry.Asset asset) {
        if (slippage.signum() < 0 || slippage.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("slippage must be in [0, 1), got " + slippage.toPlainString());
        }
        BigDecimal factor = isBuy ? BigDecimal.ONE.add(slippage) : BigDecimal.ONE.subtract(slippage);
        BigDecimal raw = reference.multiply(factor, MathContext.DECIMAL64);
        return OrderRounding.roundPrice(raw, asset.szDecimals(), asset.spot(), RoundingMode.HALF_EVEN);
    }

    /** {@code {"type":"cancel","cancels":[{"a":asset,"o":oid}]}}. */
    public static ObjectNode cancelAction(List<long[]> assetAndOid) {
        ObjectNode action = F.objectNode();
        action.put("type", "cancel");
        ArrayNode arr = action.putArray("cancels");
        for (long[] c : assetAndOid) {
            ObjectNode e = arr.addObject();
            e.put("a", (int) c[0]);
            e.put("o", c[1]);
        }
        return action;
    }

    /** {@code {"type":"cancelByCloid","cancels":[{"asset":asset,"cloid":"0x.."}]}}. */
    public static ObjectNode cancelByCloidAction(int asset, List<Cloid> cloids) {
        ObjectNode action = F.objectNode();
        action.put("type", "cancelByCloid");
        ArrayNode arr = action.putArray("cancels");
        for (Cloid c : cloids) {
            ObjectNode e = arr.addObject();
            e.put("asset", asset);
            e.put("cloid", c.hex());
        }
        return action;
    }

    /** {@code {"type":"scheduleCancel","time":ms}}, or without time to clear the schedule. */
    public static ObjectNode scheduleCancelAction(Long timeMs) {
        ObjectNode action = F.objectNode();
        action.put("type", "scheduleCancel");
        if (timeMs != null) {
            action.put("time", timeMs);
        }
        return action;
    }

    /** {@code {"type":"updateLeverage","asset":n,"isCross":bool,"leverage":int}}. */
    public static ObjectNode updateLeverageAction(int asset, boolean isCross, int leverage) {
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage must be at least 1, got " + leverage);
        }
        ObjectNode action = F.objectNode();
        action.put("type", "updateLeverage");
        action.put("asset", asset);
        action.put("isCross", isCross);
        action.put("leverage", leverage);
        return action;
    }
}
