package io.hypertrader.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Interval;
import io.hypertrader.testdata.Fixtures;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A local /info server that behaves like Hyperliquid's: only the most recent {@code window}
 * candles per interval exist, answers hold at most {@code pageSize} rows, candles overlapping
 * the range are returned (the forming one included), and keys come in the current order
 * (t,T,s,i,o,c,h,l,v,n). Faults can be queued per request: 429 (with or without Retry-After),
 * 500, garbage bodies, dropped connections, slow answers, or "down from request N on".
 */
public final class FakeHyperliquid extends Dispatcher implements AutoCloseable {
    public enum Fault { NONE, RATE_LIMIT, RATE_LIMIT_RETRY_AFTER, SERVER_ERROR, GARBAGE, TRUNCATED_JSON, DROP, SLOW, BAD_REQUEST }

    final MockWebServer server = new MockWebServer();
    final long nowMs;
    int pageSize = 500;
    int window = 5000;
    final String coin;
    final List<String> knownCoins = new ArrayList<>(List.of("BTC", "ETH"));
    /** Every request body received, in order (including faulted ones). */
    final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Fault> faults = new ArrayDeque<>();
    /** Requests whose 1-based index matches answer 503 (e.g. i -> i > 3: the exchange goes down). */
    public volatile IntPredicate down = i -> false;
    private int count;

    public FakeHyperliquid(String coin, long nowMs) throws IOException {
        this.coin = coin;
        this.nowMs = nowMs;
        server.setDispatcher(this);
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    /** Serve candles for these coins too (BTC and ETH always). */
    public FakeHyperliquid withCoins(String... coins) {
        knownCoins.addAll(List.of(coins));
        return this;
    }

    public String url() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    public synchronized FakeHyperliquid fault(Fault... fs) {
        Collections.addAll(faults, fs);
        return this;
    }

    public synchronized int requestCount() {
        return count;
    }

    /** The candle requests' startTime values, in order. */
    public List<Long> candleStarts() {
        synchronized (requests) {
            return requests.stream().filter(r -> "candleSnapshot".equals(r.path("type").asText()))
                    .map(r -> r.path("req").path("startTime").asLong()).toList();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        int n;
        Fault f;
        synchronized (this) {
            n = ++count;
            f = faults.poll();
        }
        JsonNode body;
        try {
            body = HyperliquidWire.MAPPER.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return new MockResponse.Builder().code(422).body("Failed to deserialize the JSON body into the target type").build();
        }
        requests.add(body);
        if (down.test(n)) {
            return new MockResponse.Builder().code(503).body("upstream down").build();
        }
        if (f != null) {
            switch (f) {
                case NONE:
                    return answer(body);
                case RATE_LIMIT:
                    return new MockResponse.Builder().code(429).body("null").build();
                case RATE_LIMIT_RETRY_AFTER:
                    return new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("").build();
                case SERVER_ERROR:
                    return new MockResponse.Builder().code(500).body("<html>internal error</html>").build();
                case GARBAGE:
                    return new MockResponse.Builder().code(200).body("<html>502 Bad Gateway</html>").build();
                case TRUNCATED_JSON:
                    return new MockResponse.Builder().code(200).body("[{\"t\":1700000000000,\"T\":17").build();
                case DROP:
                    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
                case SLOW:
                    return answer(body).newBuilder().headersDelay(2, TimeUnit.SECONDS).build();
                case BAD_REQUEST:
                    return new MockResponse.Builder().code(422).body("Failed to deserialize the JSON body into the target type").build();
                default:
                    throw new IllegalStateException();
            }
        }
        return answer(body);
    }

    private MockResponse answer(JsonNode body) {
        String type = body.path("type").asText();
        return switch (type) {
            case "meta" -> json(Fixtures.hyperliquidSampleText("info-meta-perp-2023-07-17.json"));
            case "candleSnapshot" -> json(candles(body.path("req")));
            case "fundingHistory" -> json(funding(body));
            default -> new MockResponse.Builder().code(422).body("unknown type").build();
        };
    }

    private static MockResponse json(String s) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(s).build();
    }

    /** The deterministic price of the bar opening at t (a gentle wave around 30 000). */
    static double price(long t) {
        return 30_000 + 500 * Math.sin(t / 3.6e6 / 24.0);
    }

    private String candles(JsonNode req) {
        String c = req.path("coin").asText();
        Interval iv = Interval.parse(req.path("interval").asText());
        long start = req.path("startTime").asLong();
        long end = req.path("endTime").asLong();
        ArrayNode out = HyperliquidWire.MAPPER.createArrayNode();
        if (!knownCoins.contains(c)) {
            return out.toString();
        }
        long ms = iv.millis();
        long forming = Math.floorDiv(nowMs, ms) * ms;
        long oldest = forming - (long) (window - 1) * ms;
        long first = Math.max(oldest, Math.floorDiv(start, ms) * ms);
        for (long t = first; t <= Math.min(end, forming) && out.size() < pageSize; t += ms) {
            double p = price(t);
            ObjectNode o = out.addObject();
            o.put("t", t).put("T", t + ms - 1).put("s", c).put("i", iv.code())
                    .put("o", fmt(p)).put("c", fmt(p + 3)).put("h", fmt(p + 10)).put("l", fmt(p - 10))
                    .put("v", fmt(12.5)).put("n", 100);
        }
        return out.toString();
    }

    private String funding(JsonNode body) {
        long start = body.path("startTime").asLong();
        long end = body.has("endTime") ? body.path("endTime").asLong() : nowMs;
        ArrayNode out = HyperliquidWire.MAPPER.createArrayNode();
        long h = 3_600_000L;
        long oldest = Math.floorDiv(nowMs, h) * h - 20_000L * h;
        // Settlements carry small millisecond offsets, like the real ones.
        for (long t = Math.max(oldest, Math.floorDiv(start, h) * h); t <= Math.min(end, nowMs) && out.size() < pageSize; t += h) {
            long ts = t + Math.floorMod(t / h * 37, 500);
            if (ts < start || ts > end) {
                continue;
            }
            out.addObject().put("coin", body.path("coin").asText()).put("fundingRate", fmt(0.0000125 * Math.cos(t / 1e8)))
                    .put("premium", fmt(-0.0003)).put("time", ts);
        }
        return out.toString();
    }

    private static String fmt(double d) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.8f", d)).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        server.close();
    }
}
