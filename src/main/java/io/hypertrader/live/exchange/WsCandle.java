package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * A candle from the WebSocket {@code candle} channel (same fields as candleSnapshot). Updates
 * repeat the still-open candle as it changes; the first message with a new {@code openTime}
 * means the previous candle closed.
 *
 * @param openTime  bar open, epoch ms ({@code t})
 * @param closeTime bar close, epoch ms ({@code T} = open + interval - 1)
 * @param volume    base units
 * @param trades    number of trades
 */
public record WsCandle(String coin, String interval, long openTime, long closeTime, BigDecimal open, BigDecimal high,
                       BigDecimal low, BigDecimal close, BigDecimal volume, long trades) {

    /** Parses one candle; prices may be strings (what the servers send) or numbers (what the docs show). */
    static WsCandle parse(JsonNode n) {
        Json.object(n, "candle");
        Long trades = Json.lngOrNull(n, "n");
        return new WsCandle(Json.str(n, "s"), Json.str(n, "i"), Json.lng(n, "t"), Json.lng(n, "T"), Json.dec(n, "o"),
                Json.dec(n, "h"), Json.dec(n, "l"), Json.dec(n, "c"), Json.dec(n, "v"), trades == null ? 0 : trades);
    }
}
