package io.hypertrader.live.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hypertrader.data.WeightBudget;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The single-attempt transport: one OkHttp POST per call, never retried, optionally paced by the
 * shared {@link WeightBudget}, every failure classified for the caller ({@link TransportException.Kind}).
 * It carries /exchange (only the exchange client may decide to re-send); {@link SharedBudgetTransport}
 * routes /info through the data package's retrying transport instead.
 */
public final class OkHttpTransport implements HyperliquidTransport {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String baseUrl;
    private final WeightBudget budget;

    /** @param baseUrl REST base, e.g. {@code https://api.hyperliquid.xyz} (no trailing slash) */
    public OkHttpTransport(OkHttpClient http, String baseUrl) {
        this(http, baseUrl, null);
    }

    /**
     * @param budget the process-wide IP weight budget to pace requests by (shared with the data
     *               transport), or null for none
     */
    public OkHttpTransport(OkHttpClient http, String baseUrl, WeightBudget budget) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.budget = budget;
    }

    /** A client with the timeouts we use for trading: connect 5 s, read 10 s, whole call 15 s. */
    public static OkHttpClient defaultClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15))
                .retryOnConnectionFailure(false) // a silent okhttp retry could resend an /exchange body
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public JsonNode post(String path, JsonNode body, int weight) throws TransportException {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not serialisable: " + e.getOriginalMessage(), e);
        }
        if (budget != null) {
            try {
                budget.acquire(weight);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(TransportException.Kind.NOT_DELIVERED, "interrupted while pacing " + baseUrl + path, 0, -1, e);
            }
        }
        Request req = new Request.Builder().url(baseUrl + path).post(RequestBody.create(bytes, JSON_TYPE)).build();
        try (Response resp = http.newCall(req).execute()) {
            ResponseBody rb = resp.body();
            String text = rb == null ? "" : rb.string();
            int code = resp.code();
            if (code == 429) {
                if (budget != null) {
                    budget.drain(); // someone else on this IP spent the budget
                }
                throw new TransportException(TransportException.Kind.RATE_LIMITED, "HTTP 429 from " + path + ": " + abbreviate(text),
                        code, retryAfterMs(resp.header("Retry-After")), null);
            }
            if (code >= 500) {
                throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, "HTTP " + code + " from " + baseUrl + path + ": "
                        + abbreviate(text), code, -1, null);
            }
            if (code >= 400) {
                throw new TransportException(TransportException.Kind.REJECTED, "HTTP " + code + " from " + baseUrl + path + ": "
                        + abbreviate(text), code, -1, null);
            }
            try {
                return Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, "unreadable answer from " + baseUrl + path + ": "
                        + abbreviate(text), code, -1, e);
            }
        } catch (TransportException e) {
            throw e;
        } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
            throw new TransportException(TransportException.Kind.NOT_DELIVERED, "could not reach " + baseUrl + path + ": " + e,
                    0, -1, e);
        } catch (SocketTimeoutException e) {
            boolean connect = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect");
            throw new TransportException(connect ? TransportException.Kind.NOT_DELIVERED : TransportException.Kind.OUTCOME_UNKNOWN,
                    (connect ? "connect timeout to " : "no answer in time from ") + baseUrl + path, 0, -1, e);
        } catch (InterruptedIOException e) {
            throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, "call to " + baseUrl + path
                    + " timed out or was interrupted: " + e, 0, -1, e);
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, "call to " + baseUrl + path + " failed: " + e,
                    0, -1, e);
        }
    }

    static long retryAfterMs(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            return -1; // HTTP-date form: fall back to our own backoff
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
