package io.hypertrader.ops.alert;

/**
 * A channel could not deliver an alert. {@link #retryable()} says whether trying again later can
 * help (network errors, 5xx, 429, a busy mail server) or not (a refused token, a bad address, a
 * 4xx): the dispatcher gives up at once on the latter. Messages never carry a secret.
 */
public final class DeliveryException extends Exception {

    private final boolean retryable;
    private final long retryAfterMs;

    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, 0, null);
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, 0, cause);
    }

    /** @param retryAfterMs the server's own wait (HTTP Retry-After, Telegram retry_after), 0 if none */
    public DeliveryException(String message, boolean retryable, long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfterMs = retryAfterMs;
    }

    public boolean retryable() {
        return retryable;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }
}
