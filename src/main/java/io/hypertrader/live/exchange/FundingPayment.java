package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One funding payment of the account ({@code userFunding}).
 *
 * @param usdc        amount in USDC from the user's point of view (positive = received)
 * @param szi         signed position size it was charged on
 * @param fundingRate the hourly rate applied
 * @param nSamples    number of samples, or null
 * @param time        epoch ms
 */
public record FundingPayment(String coin, BigDecimal usdc, BigDecimal szi, BigDecimal fundingRate, Integer nSamples,
                             long time, String hash) {

    static List<FundingPayment> parseAll(JsonNode n) {
        List<FundingPayment> out = new ArrayList<>();
        for (JsonNode e : Json.array(n, "userFunding")) {
            JsonNode d = Json.object(e.get("delta"), "userFunding[].delta");
            JsonNode ns = d.get("nSamples");
            out.add(new FundingPayment(Json.str(d, "coin"), Json.dec(d, "usdc"), Json.dec(d, "szi"),
                    Json.dec(d, "fundingRate"), ns == null || ns.isNull() ? null : ns.intValue(), Json.lng(e, "time"),
                    Json.strOrNull(e, "hash")));
        }
        return List.copyOf(out);
    }
}
