package io.hypertrader.live.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.HyperliquidWire;
import io.hypertrader.live.exchange.HyperliquidTransport;
import io.hypertrader.live.exchange.Json;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.exchange.TransportException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link MarketFeed} by polling Hyperliquid's REST {@code candleSnapshot} and {@code allMids}. */
public final class RestMarketFeed implements MarketFeed {

    private final HyperliquidTransport transport;
    private final TradingInfoClient info;

    public RestMarketFeed(HyperliquidTransport transport) {
        this.transport = transport;
        this.info = new TradingInfoClient(transport);
    }

    @Override
    public List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) throws TransportException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("type", "candleSnapshot");
        body.putObject("req").put("coin", coin.name()).put("interval", interval.code())
                .put("startTime", nowMs - (count + 2L) * interval.millis()).put("endTime", nowMs);
        JsonNode resp = transport.post(HyperliquidTransport.INFO, body, 20);
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(resp);
        } catch (JsonProcessingException e) {
            throw new io.hypertrader.data.MalformedResponseException("candleSnapshot: " + e.getOriginalMessage());
        }
        List<Candle> out = new ArrayList<>();
        for (HyperliquidWire.WireCandle w : HyperliquidWire.parseCandles(bytes)) {
            if (!w.coin().equals(coin.name()) || !w.interval().equals(interval.code())) {
                throw new io.hypertrader.data.MalformedResponseException("candleSnapshot for " + coin + " " + interval.code() + " returned a "
                        + w.coin() + " " + w.interval() + " candle");
            }
            out.add(w.toCandle());
        }
        out.sort(java.util.Comparator.comparingLong(Candle::openTime));
        return out;
    }

    /** The coin's funding rate from one {@code metaAndAssetCtxs} read. */
    @Override
    public double fundingRate(Coin coin) throws TransportException {
        JsonNode resp = transport.post(HyperliquidTransport.INFO, Json.MAPPER.createObjectNode().put("type", "metaAndAssetCtxs"), 20);
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(resp);
        } catch (JsonProcessingException e) {
            throw new io.hypertrader.data.MalformedResponseException("metaAndAssetCtxs: " + e.getOriginalMessage());
        }
        for (io.hypertrader.data.AssetContext ctx : HyperliquidWire.parseMetaAndAssetCtxs(bytes, 0)) {
            if (ctx.coin().equals(coin)) {
                return ctx.fundingRate();
            }
        }
        return Double.NaN;
    }

    @Override
    public Map<String, Double> mids() throws TransportException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> e : info.allMids().entrySet()) {
            out.put(e.getKey(), e.getValue().doubleValue());
        }
        return out;
    }
}
