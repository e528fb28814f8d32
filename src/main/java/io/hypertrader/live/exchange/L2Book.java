package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** An order-book snapshot ({@code l2Book}): bids best first (descending), asks best first (ascending). */
public record L2Book(String coin, long time, List<Level> bids, List<Level> asks) {

    /** One price level: price, total size (coin units) and number of orders. */
    public record Level(BigDecimal px, BigDecimal sz, int n) {
    }

    static L2Book parse(JsonNode n) {
        Json.object(n, "l2Book");
        JsonNode levels = Json.array(n.get("levels"), "l2Book.levels");
        if (levels.size() != 2) {
            throw new MalformedResponseException("l2Book.levels: expected [bids, asks], got " + levels.size() + " sides");
        }
        return new L2Book(Json.str(n, "coin"), Json.lng(n, "time"), side(levels.get(0)), side(levels.get(1)));
    }

    private static List<Level> side(JsonNode arr) {
        List<Level> out = new ArrayList<>();
        for (JsonNode l : Json.array(arr, "l2Book side")) {
            out.add(new Level(Json.dec(l, "px"), Json.dec(l, "sz"), (int) Json.lng(l, "n")));
        }
        return List.copyOf(out);
    }
}
