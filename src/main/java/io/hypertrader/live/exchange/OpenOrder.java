package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as {@code openOrders}, {@code frontendOpenOrders}, {@code orderStatus} and
 * {@code historicalOrders} describe it. The frontend-only fields are null when the plain
 * {@code openOrders} list was read.
 *
 * @param sz           remaining size, coin units
 * @param origSz       original size, or null (plain openOrders)
 * @param timestamp    placement time, epoch ms
 * @param tif          "Gtc", "Ioc", "Alo", "FrontendMarket" or null (triggers, plain openOrders)
 * @param triggerPx    trigger price, or null ("0.0" on the wire for non-triggers maps to zero)
 * @param cloid        client order id, or null
 * @param children     TP/SL children of a parent order (frontend lists only)
 */
public record OpenOrder(String coin, WireSide side, BigDecimal limitPx, BigDecimal sz, long oid, long timestamp,
                        BigDecimal origSz, Boolean reduceOnly, String orderType, String tif, Boolean isTrigger,
                        BigDecimal triggerPx, String triggerCondition, Boolean isPositionTpsl, Cloid cloid,
                        List<OpenOrder> children) {

    static OpenOrder parse(JsonNode n) {
        Json.object(n, "order");
        List<OpenOrder> kids = new ArrayList<>();
        JsonNode c = n.get("children");
        if (c != null && c.isArray()) {
            for (JsonNode k : c) {
                kids.add(parse(k));
            }
        }
        String cloid = Json.strOrNull(n, "cloid");
        return new OpenOrder(Json.str(n, "coin"), WireSide.parse(Json.str(n, "side")), Json.dec(n, "limitPx"),
                Json.dec(n, "sz"), Json.lng(n, "oid"), Json.lng(n, "timestamp"), Json.decOrNull(n, "origSz"),
                Json.boolOrNull(n, "reduceOnly"), Json.strOrNull(n, "orderType"), Json.strOrNull(n, "tif"),
                Json.boolOrNull(n, "isTrigger"), Json.decOrNull(n, "triggerPx"), Json.strOrNull(n, "triggerCondition"),
                Json.boolOrNull(n, "isPositionTpsl"), cloid == null ? null : Cloid.parse(cloid), List.copyOf(kids));
    }

    static List<OpenOrder> parseAll(JsonNode n, String what) {
        List<OpenOrder> out = new ArrayList<>();
        for (JsonNode o : Json.array(n, what)) {
            out.add(parse(o));
        }
        return List.copyOf(out);
    }
}
