package io.hypertrader.live.venue;

import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.live.exchange.AssetRegistry;
import io.hypertrader.live.exchange.ExchangeOrder;
import io.hypertrader.live.exchange.OrderWire;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;

/**
 * The translation between {@link HyperliquidVenue}'s engine orders and the exchange's: an
 * {@link OrderRequest} to the {@link ExchangeOrder} that is signed, and an exchange error to the
 * simulator's {@link RejectCode}. Pure functions, so the mapping reads (and is tested) apart from
 * the venue's state.
 */
final class WireOrders {

    private WireOrders() {
    }

    /**
     * The exchange order of an engine order: LIMIT keeps its time in force; MARKET is an IOC limit
     * at mid * (1 +/- slippage); STOP and TAKE_PROFIT are market trigger orders whose worst price is
     * the trigger moved by the same slippage.
     *
     * @throws IllegalStateException when a market order has no mid to bound it
     */
    static ExchangeOrder toWire(OrderRequest req, AssetRegistry.Asset asset, BigDecimal size, Cloid cloid, double ref,
                                BigDecimal slippage) {
        boolean buy = req.side() == Side.BUY;
        return switch (req.type()) {
            case LIMIT -> new ExchangeOrder(req.coin().name(), buy, BigDecimal.valueOf(req.limitPrice()), size,
                    req.reduceOnly(), new ExchangeOrder.Limit(tif(req.tif())), cloid);
            case MARKET -> {
                if (!(ref > 0)) {
                    throw new IllegalStateException("no mid price for " + req.coin() + ": cannot bound a market order");
                }
                BigDecimal px = OrderWire.slippagePrice(BigDecimal.valueOf(ref), buy, slippage, asset);
                yield new ExchangeOrder(req.coin().name(), buy, px, size, req.reduceOnly(),
                        new ExchangeOrder.Limit(ExchangeOrder.Tif.IOC), cloid);
            }
            case STOP, TAKE_PROFIT -> {
                BigDecimal trigger = BigDecimal.valueOf(req.triggerPrice());
                BigDecimal px = OrderWire.slippagePrice(trigger, buy, slippage, asset);
                yield ExchangeOrder.trigger(req.coin().name(), buy, px, size, trigger, true,
                        req.type() == OrderType.STOP ? ExchangeOrder.Tpsl.SL : ExchangeOrder.Tpsl.TP,
                        req.reduceOnly(), cloid);
            }
        };
    }

    static ExchangeOrder.Tif tif(TimeInForce t) {
        return switch (t) {
            case GTC -> ExchangeOrder.Tif.GTC;
            case IOC -> ExchangeOrder.Tif.IOC;
            case ALO -> ExchangeOrder.Tif.ALO;
        };
    }

    /** Maps an exchange error string (matched by prefix) to a reject code. */
    static RejectCode rejectCode(String error) {
        String e = error == null ? "" : error;
        if (e.startsWith("Order must have minimum value")) {
            return RejectCode.MIN_NOTIONAL;
        }
        if (e.startsWith("Price must be divisible by tick size") || e.startsWith("Order price")) {
            return RejectCode.PRICE_OFF_GRID;
        }
        if (e.startsWith("Order has invalid size") || e.startsWith("Order has zero size")) {
            return RejectCode.SIZE_OFF_GRID;
        }
        if (e.startsWith("Insufficient margin")) {
            return RejectCode.INSUFFICIENT_MARGIN;
        }
        if (e.startsWith("Reduce only order would increase position")) {
            return RejectCode.REDUCE_ONLY;
        }
        if (e.startsWith("Post only order would have immediately matched")) {
            return RejectCode.POST_ONLY_WOULD_TAKE;
        }
        return RejectCode.EXCHANGE;
    }
}
