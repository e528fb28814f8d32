package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One token balance from {@code spotClearinghouseState}: total and the part on hold (token units). */
public record SpotBalance(String coin, int token, BigDecimal total, BigDecimal hold, BigDecimal entryNtl) {

    static List<SpotBalance> parseAll(JsonNode n) {
        List<SpotBalance> out = new ArrayList<>();
        for (JsonNode b : Json.array(Json.object(n, "spotClearinghouseState").get("balances"), "balances")) {
            out.add(new SpotBalance(Json.str(b, "coin"), (int) Json.lng(b, "token"), Json.dec(b, "total"),
                    Json.dec(b, "hold"), Json.decOrNull(b, "entryNtl")));
        }
        return List.copyOf(out);
    }
}
