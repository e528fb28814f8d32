package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.JsonNode;

/** The answer to a non-order action (leverage, scheduleCancel): ok, or the exchange's error string. */
public record ActionResult(boolean ok, String error) {

    static ActionResult parse(JsonNode resp) {
        String status = Json.object(resp, "exchange response").path("status").asText();
        if ("ok".equals(status)) {
            return new ActionResult(true, null);
        }
        if ("err".equals(status)) {
            return new ActionResult(false, resp.path("response").asText());
        }
        throw new MalformedResponseException("exchange response status '" + status + "'");
    }
}
