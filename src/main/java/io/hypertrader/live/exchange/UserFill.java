package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One fill of the account ({@code userFills}, {@code userFillsByTime}, WebSocket {@code userFills}).
 * Trade ids ({@code tid}) identify fills across snapshots and reconnects.
 *
 * @param px            fill price
 * @param sz            filled size, coin units (positive)
 * @param time          epoch ms
 * @param startPosition signed position before the fill
 * @param dir           "Open Long", "Close Short", ... ("Buy"/"Sell" for spot)
 * @param closedPnl     realised PnL of the fill, USDC
 * @param crossed       true when this side was the taker
 * @param fee           fee paid in {@code feeToken} (negative = rebate), or null in old records
 * @param tid           trade id, or null in very old records
 */
public record UserFill(String coin, BigDecimal px, BigDecimal sz, WireSide side, long time, BigDecimal startPosition,
                       String dir, BigDecimal closedPnl, String hash, long oid, boolean crossed, BigDecimal fee,
                       String feeToken, Long tid, String cloid) {

    static UserFill parse(JsonNode n) {
        Json.object(n, "fill");
        return new UserFill(Json.str(n, "coin"), Json.dec(n, "px"), Json.dec(n, "sz"), WireSide.parse(Json.str(n, "side")),
                Json.lng(n, "time"), Json.decOrNull(n, "startPosition"), Json.strOrNull(n, "dir"),
                Json.decOrNull(n, "closedPnl"), Json.strOrNull(n, "hash"), Json.lng(n, "oid"),
                n.path("crossed").asBoolean(false), Json.decOrNull(n, "fee"), Json.strOrNull(n, "feeToken"),
                Json.lngOrNull(n, "tid"), Json.strOrNull(n, "cloid"));
    }

    static List<UserFill> parseAll(JsonNode n) {
        List<UserFill> out = new ArrayList<>();
        for (JsonNode f : Json.array(n, "fills")) {
            out.add(parse(f));
        }
        return List.copyOf(out);
    }

    /** A key unique per fill: the tid, or (hash, oid, time, px, sz) for records without one. */
    public String dedupeKey() {
        return tid != null ? "t" + tid : hash + "/" + oid + "/" + time + "/" + px.toPlainString() + "/" + sz.toPlainString();
    }
}
