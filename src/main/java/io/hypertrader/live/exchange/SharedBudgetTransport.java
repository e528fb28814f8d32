package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.hypertrader.core.UserError;
import io.hypertrader.data.HttpTransport;
import io.hypertrader.data.MalformedResponseException;
import io.hypertrader.data.TransportClock;
import io.hypertrader.data.WeightBudget;

import java.io.IOException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The production transport: /info through the data package's {@link HttpTransport} (weight
 * pacing, retries with backoff and jitter, Retry-After) and /exchange through a single-attempt
 * {@link OkHttpTransport}, both drawing on one {@link WeightBudget} because Hyperliquid limits
 * the IP, not the process part. /exchange is never retried here: the exchange client owns that
 * decision (see {@link HyperliquidExchangeClient}).
 */
public final class SharedBudgetTransport implements HyperliquidTransport {

    private final HttpTransport info;
    private final OkHttpTransport exchange;

    public SharedBudgetTransport(HttpTransport info, OkHttpTransport exchange) {
        this.info = Objects.requireNonNull(info);
        this.exchange = Objects.requireNonNull(exchange);
    }

    /** Both halves on the real clock, default settings, one shared Hyperliquid budget. */
    public static SharedBudgetTransport create(String baseUrl) {
        TransportClock clock = TransportClock.system();
        WeightBudget budget = new WeightBudget(WeightBudget.HYPERLIQUID_PER_MINUTE, clock);
        HttpTransport infoTransport = new HttpTransport(baseUrl, HttpTransport.Settings.defaults(), budget, clock,
                RandomGenerator.getDefault());
        return new SharedBudgetTransport(infoTransport, new OkHttpTransport(OkHttpTransport.defaultClient(), baseUrl, budget));
    }

    /** The REST base URL both halves talk to. */
    public String baseUrl() {
        return info.baseUrl();
    }

    /**
     * The exchange's clock now: one {@code allMids} read (weight 2) and the {@code Date} header of
     * its answer, epoch ms with whole-second resolution; null when the server sends no Date.
     * {@link io.hypertrader.live.time.ClockWatch} brackets the call with the local clock.
     */
    public Long serverDateMs() throws TransportException {
        try {
            return info.postDated(HttpTransport.Call.info("{\"type\":\"allMids\"}", 2, "allMids (clock check)"), bytes -> bytes)
                    .serverDateMs();
        } catch (UserError e) {
            throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, e.getMessage(), 0, -1, e);
        }
    }

    private volatile java.util.function.ObjLongConsumer<String> latency = (endpoint, nanos) -> { };

    /**
     * Hears the duration of every request from the caller's view ({@code "info"} or
     * {@code "exchange"}, nanoseconds; pacing and retries included, failures too): the API
     * latency metrics and alert of the process.
     */
    public void onLatency(java.util.function.ObjLongConsumer<String> listener) {
        this.latency = Objects.requireNonNull(listener);
    }

    @Override
    public JsonNode post(String path, JsonNode body, int weight) throws TransportException {
        long t0 = System.nanoTime(); // a duration, not a time of day
        try {
            return timedPost(path, body, weight);
        } finally {
            latency.accept(EXCHANGE.equals(path) ? "exchange" : "info", System.nanoTime() - t0);
        }
    }

    private JsonNode timedPost(String path, JsonNode body, int weight) throws TransportException {
        if (EXCHANGE.equals(path)) {
            return exchange.post(path, body, weight);
        }
        String json = body.toString();
        try {
            return info.post(new HttpTransport.Call(path, json, weight, body.path("type").asText("?"), true), bytes -> {
                try {
                    return Json.MAPPER.readTree(bytes);
                } catch (IOException e) {
                    throw new MalformedResponseException("not JSON: " + e.getMessage(), e);
                }
            });
        } catch (UserError e) {
            // Every retry failed or the request was refused: for a read the distinction does not matter.
            throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, e.getMessage(), 0, -1, e);
        }
    }
}
