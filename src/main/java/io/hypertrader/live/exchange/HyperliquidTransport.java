package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The boundary between the Hyperliquid clients and HTTP: POST a JSON body to {@code /info} or
 * {@code /exchange} and return the JSON answer. Implementations may pace requests by
 * {@code weight} (the IP budget is 1200 weight per minute) and may retry /info calls, but must
 * never retry an /exchange call on their own: only the exchange client knows whether a resend is
 * safe (see {@link HyperliquidExchangeClient}).
 */
public interface HyperliquidTransport {

    /** Path of read requests. */
    String INFO = "/info";
    /** Path of signed actions. */
    String EXCHANGE = "/exchange";

    /**
     * @param path   {@link #INFO} or {@link #EXCHANGE}
     * @param body   the JSON body, sent as is (key order kept)
     * @param weight the request's rate-limit weight (docs/exchange.md, "Rate-limit weights")
     */
    JsonNode post(String path, JsonNode body, int weight) throws TransportException;
}
