package io.hypertrader.data;

import io.hypertrader.core.Coin;

import java.util.Objects;

/**
 * One sample of a perpetual's asset context as Hyperliquid reports it (the {@code activeAssetCtx}
 * WebSocket channel and the {@code metaAndAssetCtxs} /info query carry the same fields). The
 * exchange stamps none of them with a time: {@code sampledAtMs} is when the sample arrived, and
 * {@code timeMs} the slot it is stored under (the recorder's sampling grid; equal to
 * {@code sampledAtMs} until a slot is chosen). Values the exchange did not report are NaN.
 *
 * @param markPx       mark price (USDC)
 * @param oraclePx     oracle (index) price
 * @param midPx        book mid, NaN when the book is empty
 * @param openInterest open interest in base units
 * @param premium      premium of the book over the oracle as a fraction, NaN when not reported
 * @param fundingRate  the current (predicted) hourly funding rate, not a settlement
 * @param dayNtlVlm    24 h notional volume (USDC)
 * @param dayBaseVlm   24 h volume in base units
 * @param prevDayPx    price 24 h ago
 * @param impactBidPx  average price of selling the impact notional, NaN when not reported
 * @param impactAskPx  average price of buying the impact notional, NaN when not reported
 * @param via          {@code "ws"} (pushed) or {@code "rest"} (read)
 */
public record AssetContext(Coin coin, long timeMs, long sampledAtMs, double markPx, double oraclePx, double midPx,
                           double openInterest, double premium, double fundingRate, double dayNtlVlm, double dayBaseVlm,
                           double prevDayPx, double impactBidPx, double impactAskPx, String via) {

    public static final String VIA_WS = "ws";
    public static final String VIA_REST = "rest";

    public AssetContext {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(via, "via");
        if (!(markPx > 0) || !(oraclePx > 0) || Double.isInfinite(markPx) || Double.isInfinite(oraclePx)) {
            throw new IllegalArgumentException(coin + " asset context: mark " + markPx + " / oracle " + oraclePx
                    + " must be positive and finite");
        }
    }

    /** The same sample stored under {@code slotMs}, received at {@code receivedMs}. */
    public AssetContext at(long slotMs, long receivedMs) {
        return new AssetContext(coin, slotMs, receivedMs, markPx, oraclePx, midPx, openInterest, premium, fundingRate,
                dayNtlVlm, dayBaseVlm, prevDayPx, impactBidPx, impactAskPx, via);
    }
}
