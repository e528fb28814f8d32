package io.hypertrader.live.exchange;

import io.hypertrader.live.sign.ExchangeRequest;

/**
 * A signed /exchange request was sent but whether the exchange acted on it could not be
 * established (answer lost and no cloid to look up, or the lookups failed too). The caller must
 * reconcile (open orders, fills) before acting on the same intent again; re-sending
 * {@link #request()} unchanged is safe (the exchange refuses a reused nonce), signing it anew is not.
 */
public final class OutcomeUnknownException extends Exception {

    private final transient ExchangeRequest request;

    public OutcomeUnknownException(String message, ExchangeRequest request, Throwable cause) {
        super(message, cause);
        this.request = request;
    }

    /** The exact signed request whose outcome is unknown. */
    public ExchangeRequest request() {
        return request;
    }
}
