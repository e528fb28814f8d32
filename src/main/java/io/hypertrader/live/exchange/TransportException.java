package io.hypertrader.live.exchange;

/**
 * A Hyperliquid HTTP call that did not produce a JSON answer, classified by what it means for a
 * retry. For /exchange the distinction is what keeps a retry from placing a second order:
 * {@link Kind#NOT_DELIVERED}, {@link Kind#RATE_LIMITED} and {@link Kind#REJECTED} were not acted on;
 * {@link Kind#OUTCOME_UNKNOWN} may have been (timeout after sending, connection reset, 5xx,
 * unreadable 200).
 */
public final class TransportException extends Exception {

    /** What happened, from the point of view of "did the server act on it?". */
    public enum Kind {
        /** Never reached the server (connection refused, DNS, connect timeout): safe to resend. */
        NOT_DELIVERED,
        /** HTTP 429: the edge refused it; resend after {@link #retryAfterMs()} or a backoff. */
        RATE_LIMITED,
        /** HTTP 4xx other than 429 (e.g. 422 malformed body): refused, resending the same body is pointless. */
        REJECTED,
        /** Sent, answer lost or unusable (read timeout, reset, 5xx, non-JSON 200): the server may have acted. */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;
    private final int httpStatus;
    private final long retryAfterMs;

    public TransportException(Kind kind, String message, int httpStatus, long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfterMs = retryAfterMs;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's Retry-After in ms, or -1 when it sent none. */
    public long retryAfterMs() {
        return retryAfterMs;
    }

    /** True when the server certainly did not act on the request. */
    public boolean certainlyNotApplied() {
        return kind != Kind.OUTCOME_UNKNOWN;
    }
}
