package io.hypertrader.data;

import io.hypertrader.core.UserError;
import okhttp3.HttpUrl;
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
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * JSON-over-HTTP POST transport for Hyperliquid's REST API ({@code /info} and {@code /exchange}):
 * client-side weight-based rate limiting, bounded retries with exponential backoff and jitter,
 * and clear errors.
 *
 * <p>Retried: HTTP 429 (the {@link WeightBudget} is drained and {@code Retry-After} honoured,
 * seconds or HTTP-date), HTTP 5xx, timeouts, dropped connections and bodies the caller's parser
 * rejects as {@link MalformedResponseException}. Not retried: other 4xx (the request itself is
 * wrong), and a host that does not resolve or refuses the connection: those fail at once with one
 * line naming the host (offline, a fetch used to retry a DNS failure six times over 36 s). A
 * {@link Call} marked not idempotent (e.g. placing an order without a cloid) is only
 * retried after a 429, which the exchange sends before doing anything. After
 * {@link Settings#maxTries()} the call fails with {@link UserError} kind EXCHANGE naming the
 * request and the last failure.
 *
 * <p>Backoff before try k+1 is {@code min(maxBackoff, baseBackoff * 2^(k-1))}, of which a random
 * half is jitter ("equal jitter"); a {@code Retry-After} longer than that is used instead (capped by
 * {@code maxRetryAfter}: a longer one fails the call at once). Clock, sleeping and the random
 * source are injected so tests are fast and deterministic. Thread-safe if the random source is.
 */
public final class HttpTransport {
    private static final MediaType JSON = MediaType.get("application/json");

    /** Retry, timeout and budget settings. */
    public record Settings(int maxTries, Duration baseBackoff, Duration maxBackoff, Duration maxRetryAfter,
                           Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        public Settings {
            if (maxTries < 1) {
                throw new IllegalArgumentException("maxTries must be >= 1, got " + maxTries);
            }
            Objects.requireNonNull(baseBackoff);
            Objects.requireNonNull(maxBackoff);
            Objects.requireNonNull(maxRetryAfter);
        }

        /** 6 tries, backoff 1 s doubling to 30 s, Retry-After up to 2 min, 10 s connect, 30 s read, 60 s call. */
        public static Settings defaults() {
            return new Settings(6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2),
                    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
        }

        public Settings withMaxTries(int n) {
            return new Settings(n, baseBackoff, maxBackoff, maxRetryAfter, connectTimeout, readTimeout, callTimeout);
        }

        public Settings withTimeouts(Duration connect, Duration read, Duration call) {
            return new Settings(maxTries, baseBackoff, maxBackoff, maxRetryAfter, connect, read, call);
        }
    }

    /**
     * One POST: {@code path} under the base URL, the JSON body, the request's base weight, a
     * human description for messages (e.g. "candleSnapshot BTC 1h 2024-01-01..2024-02-01") and
     * whether repeating it is harmless.
     */
    public record Call(String path, String jsonBody, int weight, String description, boolean idempotent) {
        public Call {
            Objects.requireNonNull(path);
            Objects.requireNonNull(jsonBody);
            Objects.requireNonNull(description);
            if (weight < 0) {
                throw new IllegalArgumentException("weight must be >= 0");
            }
        }

        /** An /info query (always idempotent). */
        public static Call info(String jsonBody, int weight, String description) {
            return new Call("/info", jsonBody, weight, description, true);
        }
    }

    private final String baseUrl;
    private final Settings settings;
    private final TransportClock clock;
    private final RandomGenerator random;
    private final WeightBudget budget;
    private final OkHttpClient http;
    private volatile Consumer<String> retryListener = m -> { };

    /**
     * @param baseUrl REST base such as {@code https://api.hyperliquid.xyz} (no trailing slash needed)
     * @param budget  the process-wide weight budget (share it between transports)
     * @param random  jitter source (seed it in tests)
     */
    public HttpTransport(String baseUrl, Settings settings, WeightBudget budget, TransportClock clock,
                         RandomGenerator random) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.settings = Objects.requireNonNull(settings);
        this.budget = Objects.requireNonNull(budget);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        // okhttp's own silent retry is off: every retry goes through the policy above.
        this.http = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .build();
    }

    /** A transport on the real clock with the default settings and Hyperliquid's budget. */
    public static HttpTransport create(String baseUrl) {
        TransportClock clock = TransportClock.system();
        return new HttpTransport(baseUrl, Settings.defaults(), new WeightBudget(WeightBudget.HYPERLIQUID_PER_MINUTE, clock),
                clock, RandomGenerator.getDefault());
    }

    /** Receives one line per retry ("HTTP 429 ...; retry 2/6 in 1.4 s"), e.g. for the CLI log. */
    public void onRetry(Consumer<String> listener) {
        this.retryListener = Objects.requireNonNull(listener);
    }

    public WeightBudget budget() {
        return budget;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Sends {@code call} and parses the 2xx body with {@code parser}, retrying per the policy.
     *
     * @throws UserError EXCHANGE when the exchange refuses (4xx) or every try failed; FAILURE
     *                   when the thread is interrupted
     */
    public <T> T post(Call call, Function<byte[], T> parser) {
        return postDated(call, parser).value();
    }

    /**
     * A parsed answer and the server's clock when it answered: the {@code Date} response header
     * (RFC 1123, whole seconds) as epoch ms, or null when the server sent none or an unreadable one.
     */
    public record Dated<T>(T value, Long serverDateMs) {
    }

    /** {@link #post}, keeping the answer's {@code Date} header (the clock-skew check reads it). */
    public <T> Dated<T> postDated(Call call, Function<byte[], T> parser) {
        String what = "POST " + call.path() + " " + call.description();
        String lastFailure = "no try made";
        for (int attempt = 1; attempt <= settings.maxTries(); attempt++) {
            Duration retryAfter = null;
            boolean mayRetry = true;
            try {
                budget.acquire(call.weight());
                Request req = new Request.Builder().url(baseUrl + call.path())
                        .post(RequestBody.create(call.jsonBody(), JSON)).build();
                try (Response resp = http.newCall(req).execute()) {
                    ResponseBody rb = resp.body();
                    byte[] body = rb == null ? new byte[0] : rb.bytes();
                    int code = resp.code();
                    if (code >= 200 && code < 300) {
                        try {
                            return new Dated<>(parser.apply(body), parseHttpDate(resp.header("Date")));
                        } catch (MalformedResponseException e) {
                            lastFailure = "malformed body: " + e.getMessage();
                            mayRetry = call.idempotent();
                        }
                    } else if (code == 429) {
                        budget.drain();
                        retryAfter = parseRetryAfter(resp.header("Retry-After"));
                        lastFailure = "HTTP 429 (rate limited)" + (retryAfter == null ? "" : ", Retry-After " + resp.header("Retry-After"));
                        if (retryAfter != null && retryAfter.compareTo(settings.maxRetryAfter()) > 0) {
                            throw new UserError(UserError.Kind.EXCHANGE, what + ": rate limited and asked to wait "
                                    + retryAfter.toSeconds() + " s (more than " + settings.maxRetryAfter().toSeconds()
                                    + " s); try again later");
                        }
                    } else if (code >= 500) {
                        lastFailure = "HTTP " + code + " " + HyperliquidWire.snippet(body);
                        mayRetry = call.idempotent();
                    } else {
                        throw new UserError(UserError.Kind.EXCHANGE, what + ": refused with HTTP " + code + ": "
                                + HyperliquidWire.snippet(body));
                    }
                }
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(what, e);
                }
                lastFailure = "timeout (" + e.getMessage() + ")";
                mayRetry = call.idempotent();
            } catch (UnknownHostException e) {
                // No answer will come from waiting: offline, or a wrong host in the URL.
                throw new UserError(UserError.Kind.EXCHANGE, what + ": cannot resolve " + host()
                        + " (DNS lookup failed: no network, or a wrong --api-url); not retried", e);
            } catch (ConnectException | NoRouteToHostException e) {
                // Refused or unreachable at once: nothing listens there, or no route; retrying changes nothing.
                throw new UserError(UserError.Kind.EXCHANGE, what + ": cannot connect to " + baseUrl + " ("
                        + e.getMessage() + "); not retried", e);
            } catch (IOException e) {
                lastFailure = "connection failed (" + e + ")";
                mayRetry = call.idempotent();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(what, e);
            }
            if (!mayRetry) {
                throw new UserError(UserError.Kind.EXCHANGE, what + ": failed and not retried (not idempotent): " + lastFailure);
            }
            if (attempt == settings.maxTries()) {
                break;
            }
            Duration wait = backoff(attempt, retryAfter);
            retryListener.accept(what + ": " + lastFailure + "; retry " + (attempt + 1) + "/" + settings.maxTries()
                    + " in " + String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0));
            try {
                clock.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(what, e);
            }
        }
        throw new UserError(UserError.Kind.EXCHANGE, what + ": gave up after " + settings.maxTries()
                + " tries; last failure: " + lastFailure);
    }

    /** The host of the base URL, for the DNS message. */
    private String host() {
        HttpUrl u = HttpUrl.parse(baseUrl);
        return u == null ? baseUrl : u.host();
    }

    private static UserError interrupted(String what, Exception e) {
        return new UserError(UserError.Kind.FAILURE, what + ": interrupted", e);
    }

    /** Exponential backoff with equal jitter, or the server's Retry-After when longer. */
    Duration backoff(int attempt, Duration retryAfter) {
        long cap = settings.maxBackoff().toMillis();
        long exp = settings.baseBackoff().toMillis() << Math.min(attempt - 1, 30);
        long ceiling = Math.max(1, Math.min(cap, exp));
        long ms = ceiling / 2 + (long) (random.nextDouble() * (ceiling - ceiling / 2));
        if (retryAfter != null) {
            // Honour the server, plus a little jitter so clients do not return in lockstep.
            ms = Math.max(ms, retryAfter.toMillis() + (long) (random.nextDouble() * 250));
        }
        return Duration.ofMillis(ms);
    }

    /** An HTTP-date ({@code Date} header) as epoch ms; null when absent or unparsable. */
    public static Long parseHttpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Seconds ("3", "1.5") or an HTTP-date; null when absent or unparsable. */
    Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            double s = Double.parseDouble(v);
            return s < 0 ? null : Duration.ofMillis((long) Math.ceil(s * 1000));
        } catch (NumberFormatException e) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Duration.ofMillis(Math.max(0, at - clock.epochMillis()));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
