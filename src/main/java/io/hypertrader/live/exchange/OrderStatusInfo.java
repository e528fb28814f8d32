package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answer of {@code orderStatus} (by oid or cloid) and one entry of {@code historicalOrders}:
 * the order, its status and when the status was set. {@link #UNKNOWN} means the exchange has no
 * such order ({@code {"status":"unknownOid"}}): it was never placed.
 *
 * @param status          "open", "filled", "canceled", "triggered", "rejected", "...Canceled",
 *                        "...Rejected" (docs/exchange.md, "Order status values"); unknown values are kept as they are
 * @param statusTimestamp epoch ms, or 0 when unknown
 */
public record OrderStatusInfo(OpenOrder order, String status, long statusTimestamp) {

    /** No order with that oid/cloid exists. */
    public static final OrderStatusInfo UNKNOWN = new OrderStatusInfo(null, "unknownOid", 0);

    private static final Set<String> LIVE = Set.of("open", "triggered");

    public boolean found() {
        return order != null;
    }

    /** True while the order can still trade (open, or a trigger that fired and rests). */
    public boolean isLive() {
        return found() && LIVE.contains(status);
    }

    public boolean isFilled() {
        return "filled".equals(status);
    }

    /** Finished without (further) fills: cancelled or rejected for any reason. */
    public boolean isCanceledOrRejected() {
        return found() && !isLive() && !isFilled();
    }

    static OrderStatusInfo parseOrderStatus(JsonNode n) {
        Json.object(n, "orderStatus");
        String st = Json.str(n, "status");
        if ("unknownOid".equals(st)) {
            return UNKNOWN;
        }
        if (!"order".equals(st)) {
            throw new MalformedResponseException("orderStatus: unexpected status '" + st + "'");
        }
        return parseEntry(Json.object(n.get("order"), "orderStatus.order"));
    }

    static OrderStatusInfo parseEntry(JsonNode n) {
        Long ts = Json.lngOrNull(n, "statusTimestamp");
        return new OrderStatusInfo(OpenOrder.parse(n.get("order")), Json.str(n, "status"), ts == null ? 0 : ts);
    }

    static List<OrderStatusInfo> parseHistorical(JsonNode n) {
        List<OrderStatusInfo> out = new ArrayList<>();
        for (JsonNode e : Json.array(n, "historicalOrders")) {
            out.add(parseEntry(e));
        }
        return List.copyOf(out);
    }
}
