package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;

/**
 * The exchange's answer for one order of a batch (in batch order).
 *
 * @param kind      what happened
 * @param oid       exchange order id (resting, filled, recovered), else null
 * @param totalSz   filled size for FILLED (an IOC may fill partly; the rest is cancelled), else null
 * @param avgPx     average fill price for FILLED when the answer carried it, else null
 * @param error     the exchange's message for REJECTED (match by prefix: suffixes like " asset=0" occur)
 * @param cloid     the order's client id, if it had one
 * @param recovered true when this result was reconstructed by looking the cloid up after the
 *                  answer to the POST was lost (status from orderStatus, avgPx unknown)
 */
public record OrderResult(Kind kind, Long oid, BigDecimal totalSz, BigDecimal avgPx, String error, Cloid cloid,
                          boolean recovered) {

    /** Outcome of one order. */
    public enum Kind {
        /** On the book. */
        RESTING,
        /** Filled (fully, or partly for IOC). */
        FILLED,
        /** Refused; see {@link #error()}. */
        REJECTED,
        /** A TP/SL child waiting for its parent to fill. */
        WAITING_FOR_FILL,
        /** A trigger order waiting for its trigger price. */
        WAITING_FOR_TRIGGER,
        /** Found by cloid after a lost answer, already cancelled or otherwise closed; see {@link #error()}. */
        CLOSED
    }

    static OrderResult parse(JsonNode st, Cloid cloid) {
        if (st.isTextual()) {
            return switch (st.textValue()) {
                case "waitingForFill" -> new OrderResult(Kind.WAITING_FOR_FILL, null, null, null, null, cloid, false);
                case "waitingForTrigger" -> new OrderResult(Kind.WAITING_FOR_TRIGGER, null, null, null, null, cloid, false);
                default -> new OrderResult(Kind.REJECTED, null, null, null, "unexpected order status '" + st.textValue() + "'", cloid, false);
            };
        }
        Json.object(st, "order status");
        if (st.has("resting")) {
            return new OrderResult(Kind.RESTING, Json.lng(st.get("resting"), "oid"), null, null, null, cloid, false);
        }
        if (st.has("filled")) {
            JsonNode f = st.get("filled");
            return new OrderResult(Kind.FILLED, Json.lng(f, "oid"), Json.dec(f, "totalSz"), Json.decOrNull(f, "avgPx"), null,
                    cloid, false);
        }
        if (st.has("error")) {
            return rejected(st.get("error").asText(), cloid);
        }
        throw new MalformedResponseException("unknown order status " + Json.abbreviate(st));
    }

    static OrderResult rejected(String message, Cloid cloid) {
        return new OrderResult(Kind.REJECTED, null, null, null, message, cloid, false);
    }

    /** Builds a result from an orderStatus lookup (after a lost answer). */
    public static OrderResult fromStatus(OrderStatusInfo s, Cloid cloid) {
        OpenOrder o = s.order();
        if (s.isFilled()) {
            BigDecimal orig = o.origSz() != null ? o.origSz() : o.sz();
            return new OrderResult(Kind.FILLED, o.oid(), orig.subtract(o.sz()).signum() > 0 ? orig.subtract(o.sz()) : orig,
                    null, null, cloid, true);
        }
        if (s.isLive()) {
            return new OrderResult(Kind.RESTING, o.oid(), null, null, null, cloid, true);
        }
        return new OrderResult(Kind.CLOSED, o.oid(), null, null, "order status " + s.status(), cloid, true);
    }

    public boolean isRejected() {
        return kind == Kind.REJECTED;
    }
}
