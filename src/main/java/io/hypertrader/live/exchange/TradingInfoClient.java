package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.live.sign.Addresses;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed /info queries for trading: account state, open orders, order status by oid or cloid,
 * fills, funding, mids and the asset map. {@code user} is always the account (master or
 * sub-account/vault) address, never the API-wallet address, which would return empty results.
 * Weights follow docs/exchange.md, "Rate-limit weights", so a pacing transport can budget them.
 */
public final class TradingInfoClient {

    /** Most fills one userFills/userFillsByTime page returns. */
    static final int FILLS_PAGE_LIMIT = 2000;

    private final HyperliquidTransport transport;

    public TradingInfoClient(HyperliquidTransport transport) {
        this.transport = transport;
    }

    public AccountState clearinghouseState(String user) throws TransportException {
        return AccountState.parse(post(2, "clearinghouseState", "user", Addresses.normalize(user, "user")));
    }

    public List<SpotBalance> spotClearinghouseState(String user) throws TransportException {
        return SpotBalance.parseAll(post(2, "spotClearinghouseState", "user", Addresses.normalize(user, "user")));
    }

    /** Resting orders, plain form (coin, side, limitPx, remaining sz, oid, timestamp). */
    public List<OpenOrder> openOrders(String user) throws TransportException {
        return OpenOrder.parseAll(post(20, "openOrders", "user", Addresses.normalize(user, "user")), "openOrders");
    }

    /** Resting orders with trigger details, reduce-only flags, tif and cloid: use this for state sync. */
    public List<OpenOrder> frontendOpenOrders(String user) throws TransportException {
        return OpenOrder.parseAll(post(20, "frontendOpenOrders", "user", Addresses.normalize(user, "user")), "frontendOpenOrders");
    }

    public OrderStatusInfo orderStatus(String user, long oid) throws TransportException {
        ObjectNode b = body("orderStatus");
        b.put("user", Addresses.normalize(user, "user"));
        b.put("oid", oid);
        return OrderStatusInfo.parseOrderStatus(transport.post(HyperliquidTransport.INFO, b, 2));
    }

    /** Order status by client order id (the request field is still named "oid"). */
    public OrderStatusInfo orderStatus(String user, Cloid cloid) throws TransportException {
        ObjectNode b = body("orderStatus");
        b.put("user", Addresses.normalize(user, "user"));
        b.put("oid", cloid.hex());
        return OrderStatusInfo.parseOrderStatus(transport.post(HyperliquidTransport.INFO, b, 2));
    }

    /** The (at most 2000) most recent orders with their final status. */
    public List<OrderStatusInfo> historicalOrders(String user) throws TransportException {
        return OrderStatusInfo.parseHistorical(post(20, "historicalOrders", "user", Addresses.normalize(user, "user")));
    }

    /** The (at most 2000) most recent fills. */
    public List<UserFill> userFills(String user) throws TransportException {
        ObjectNode b = body("userFills");
        b.put("user", Addresses.normalize(user, "user"));
        b.put("aggregateByTime", false);
        return UserFill.parseAll(transport.post(HyperliquidTransport.INFO, b, 20));
    }

    /**
     * Fills in [startMs, endMs] (both inclusive), paginated past the 2000-per-answer cap by moving
     * the start to the last fill's time and de-duplicating by trade id. Ascending by time.
     */
    public List<UserFill> userFillsByTime(String user, long startMs, long endMs) throws TransportException {
        Map<String, UserFill> byKey = new LinkedHashMap<>();
        long cursor = startMs;
        while (true) {
            ObjectNode b = body("userFillsByTime");
            b.put("user", Addresses.normalize(user, "user"));
            b.put("startTime", cursor);
            b.put("endTime", endMs);
            b.put("aggregateByTime", false);
            List<UserFill> page = UserFill.parseAll(transport.post(HyperliquidTransport.INFO, b, 20));
            int added = 0;
            long maxTime = cursor;
            for (UserFill f : page) {
                if (byKey.putIfAbsent(f.dedupeKey(), f) == null) {
                    added++;
                }
                maxTime = Math.max(maxTime, f.time());
            }
            if (page.size() < FILLS_PAGE_LIMIT || added == 0 || maxTime >= endMs) {
                break;
            }
            cursor = maxTime; // inclusive: the same-ms fills come again and are de-duplicated
        }
        List<UserFill> out = new ArrayList<>(byKey.values());
        out.sort(java.util.Comparator.comparingLong(UserFill::time));
        return List.copyOf(out);
    }

    /** Funding payments in [startMs, endMs]. */
    public List<FundingPayment> userFunding(String user, long startMs, long endMs) throws TransportException {
        ObjectNode b = body("userFunding");
        b.put("user", Addresses.normalize(user, "user"));
        b.put("startTime", startMs);
        b.put("endTime", endMs);
        return FundingPayment.parseAll(transport.post(HyperliquidTransport.INFO, b, 20));
    }

    /** Mid price per coin (insertion order of the answer). */
    public Map<String, BigDecimal> allMids() throws TransportException {
        JsonNode n = Json.object(transport.post(HyperliquidTransport.INFO, body("allMids"), 2), "allMids");
        return parseMids(n);
    }

    static Map<String, BigDecimal> parseMids(JsonNode n) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), Json.dec(n, e.getKey())));
        return out;
    }

    /** The perp asset map (asset id = index in meta.universe, delisted entries kept). */
    public AssetRegistry meta() throws TransportException {
        return AssetRegistry.fromPerpMeta(transport.post(HyperliquidTransport.INFO, body("meta"), 20));
    }

    public L2Book l2Book(String coin) throws TransportException {
        return L2Book.parse(post(2, "l2Book", "coin", coin));
    }

    /** Distinct cloids among open orders (reconciliation helper). */
    public static Set<Cloid> cloids(List<OpenOrder> orders) {
        Set<Cloid> out = new LinkedHashSet<>();
        for (OpenOrder o : orders) {
            if (o.cloid() != null) {
                out.add(o.cloid());
            }
        }
        return out;
    }

    private JsonNode post(int weight, String type, String key, String value) throws TransportException {
        ObjectNode b = body(type);
        b.put(key, value);
        return transport.post(HyperliquidTransport.INFO, b, weight);
    }

    private static ObjectNode body(String type) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("type", type);
        return b;
    }
}
