package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The exchange's answer for one cancel of a batch: success, or the error
 * (e.g. "Order was never placed, already canceled, or filled.").
 */
public record CancelResult(boolean success, String error) {

    static final CancelResult SUCCESS = new CancelResult(true, null);

    static CancelResult parse(JsonNode st) {
        if (st.isTextual() && "success".equals(st.textValue())) {
            return SUCCESS;
        }
        if (st.isObject() && st.has("error")) {
            return new CancelResult(false, st.get("error").asText());
        }
        throw new MalformedResponseException("unknown cancel status " + Json.abbreviate(st));
    }
}
