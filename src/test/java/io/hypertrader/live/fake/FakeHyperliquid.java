package io.hypertrader.live.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Network;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.live.sign.Addresses;
import io.hypertrader.live.sign.ExchangeRequest;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.UserSignedType;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * A local Hyperliquid for tests, on 127.0.0.1: the real REST wire format on {@code /info} and
 * {@code /exchange} and the WebSocket protocol on {@code /ws}. It recovers the signer of every
 * action from the digest it rebuilds from the JSON it received (for its configured network), so a
 * wrong key, network, key order, vault or expiresAfter is refused with the real error text
 * ("L1 error: User or API Wallet 0x... does not exist."). It keeps accounts, API-wallet
 * approvals, per-signer nonce sets, orders (resting/filled/cancelled, cloid index, duplicate
 * cloids refused), positions, balances and fills; fills limit and market orders against a settable
 * mid; fires trigger orders and the scheduleCancel dead-man switch; and injects faults (429,
 * 5xx, timeouts after the order was accepted, dropped connections and WebSockets, malformed and
 * silent feeds).
 *
 * <p>Usage: {@code try (var fake = FakeHyperliquid.start(Network.TESTNET)) { fake.addAccount(addr,
 * 10_000); fake.setMid("BTC", "30000"); ... fake.baseUrl() ... }}. Thread-safe (one lock).
 */
public final class FakeHyperliquid implements Closeable {

    /** Faults to inject into the next HTTP requests of a path. */
    public enum Fault {
        /** HTTP 429 before processing (Retry-After: 0). */
        HTTP_429,
        /** HTTP 502 before processing (a gateway that never forwarded). */
        HTTP_502_BEFORE,
        /** Processed, then HTTP 500 (the order exists, the client learns nothing). */
        HTTP_500_AFTER_ACCEPT,
        /** Processed, then the answer is withheld past the client's read timeout. */
        TIMEOUT_AFTER_ACCEPT,
        /** Processed, then the connection is dropped without an answer. */
        DROP_AFTER_ACCEPT,
        /** Not processed; a 200 with a body that is not JSON. */
        MALFORMED_BEFORE,
        /** Processed, then a 200 with a body that is not JSON. */
        MALFORMED_AFTER_ACCEPT,
        /** Answered as usual: a gap in a sequence queued with {@link #injectInfo}. */
        NONE,
        /** HTTP 429 before processing, without Retry-After and with a "null" body. */
        HTTP_429_NO_RETRY_AFTER,
        /** HTTP 429 before processing, with Retry-After: 7 (seconds). */
        HTTP_429_RETRY_AFTER_7S,
        /** HTTP 500 with an HTML body before processing. */
        HTTP_500_BEFORE,
        /** Not processed; a 200 with an HTML error page (a proxy's answer). */
        HTML_BEFORE,
        /** Not processed; a 200 with JSON cut off mid-candle. */
        TRUNCATED_JSON_BEFORE,
        /** Not processed; the connection is dropped without an answer. */
        DROP_BEFORE,
        /** Not processed; HTTP 422, the server's answer to a body it cannot read. */
        HTTP_422_BEFORE
    }

    public static final BigDecimal TAKER_FEE = new BigDecimal("0.00045");
    public static final BigDecimal MAKER_FEE = new BigDecimal("0.00015");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final long DAY = 86_400_000L;

    /** One listed perp. */
    public record Listing(String name, int szDecimals, int maxLeverage, boolean delisted) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Network network;
    private final LongSupplier clock;
    private final List<Listing> universe = new ArrayList<>();
    private final Map<String, BigDecimal> mids = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, String> agentToMaster = new HashMap<>();
    private final Map<String, TreeSet<Long>> noncesBySigner = new HashMap<>();
    private final Map<Long, FakeOrder> orders = new LinkedHashMap<>();
    /** Coins left for resting orders to fill against, per coin (absent = unlimited). */
    private final Map<String, BigDecimal> makerLiquidity = new HashMap<>();
    private final List<FakeFill> fills = new ArrayList<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final List<JsonNode> infoBodies = new ArrayList<>();
    private int requestCount;
    private volatile IntPredicate down = i -> false;
    private final List<JsonNode> exchangeBodies = new ArrayList<>();
    private final List<String> exchangeErrors = new ArrayList<>();
    private final List<WsSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.function.Function<JsonNode, JsonNode>> infoHandlers = new HashMap<>();
    private long nextOid = 1_000_000;
    private long nextTid = 500_000_000_000L;
    private long answerDelayMs = 2_000;
    private volatile boolean wsSilent;
    private java.util.function.Function<String, JsonNode> assetContexts = this::defaultAssetContext;
    /** The Date header's offset from the fake's clock (ms); null = no Date header at all. */
    private volatile Long dateOffsetMs = 0L;

    private FakeHyperliquid(Network network, LongSupplier clock) {
        this.network = network;
        this.clock = clock;
        universe.add(new Listing("BTC", 5, 50, false));
        universe.add(new Listing("ETH", 4, 50, false));
        universe.add(new Listing("OLD", 1, 3, true)); // delisted: still occupies asset id 2
        universe.add(new Listing("SOL", 2, 20, false));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeHyperliquid.this.dispatch(request);
            }
        });
    }

    /** Starts a fake that verifies signatures for {@code network}, with the system clock. */
    public static FakeHyperliquid start(Network network) throws IOException {
        return start(network, System::currentTimeMillis);
    }

    public static FakeHyperliquid start(Network network, LongSupplier clock) throws IOException {
        FakeHyperliquid f = new FakeHyperliquid(network, clock);
        f.server.start(InetAddress.getByName("127.0.0.1"), 0);
        return f;
    }

    /** REST base URL, e.g. http://127.0.0.1:PORT (no trailing slash). */
    public String baseUrl() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    /** WebSocket URL (ws://127.0.0.1:PORT/ws). */
    public String wsUrl() {
        return Network.webSocketUrl(baseUrl());
    }

    @Override
    public void close() throws IOException {
        for (WsSession s : sessions) {
            s.ws.close(1001, "server shutting down");
        }
        server.close();
    }

    // ------------------------------------------------------------------ setup and inspection

    /** Replaces the perp universe (asset id = position, delisted entries included). */
    public synchronized void setUniverse(List<Listing> listings) {
        universe.clear();
        universe.addAll(listings);
    }

    /** Opens (or tops up) an account with USDC. */
    public synchronized void addAccount(String address, double usdc) {
        accounts.computeIfAbsent(Addresses.normalize(address, "account"), Account::new).usdc = BigDecimal.valueOf(usdc);
    }

    /** Registers an API wallet for a master account (what approveAgent does). */
    public synchronized void approveAgent(String master, String agent) {
        agentToMaster.put(Addresses.normalize(agent, "agent"), Addresses.normalize(master, "master"));
    }

    /** Sets a mid price; resting orders and triggers that cross it fill, subscribers get allMids. */
    public void setMid(String coin, String px) {
        List<Runnable> pushes = new ArrayList<>();
        synchronized (this) {
            mids.put(coin, new BigDecimal(px));
            tick(pushes);
            matchResting(coin, pushes);
            ObjectNode m = F.objectNode();
            ObjectNode inner = m.putObject("mids");
            mids.forEach((c, p) -> inner.put(c, fmt(p)));
            pushes.add(() -> publish(s -> s.subscribed("allMids", null, null), channel("allMids", m)));
            BigDecimal half = halfSpreads.get(coin);
            if (half != null) {
                BigDecimal mid = mids.get(coin);
                ObjectNode b = F.objectNode().put("coin", coin).put("time", clock.getAsLong());
                ArrayNode levels = b.putArray("bbo");
                levels.addObject().put("px", fmt(mid.subtract(half))).put("sz", "10.0").put("n", 3);
                levels.addObject().put("px", fmt(mid.add(half))).put("sz", "10.0").put("n", 3);
                pushes.add(() -> publish(s -> s.subscribed("bbo", coin, null), channel("bbo", b)));
            }
        }
        pushes.forEach(Runnable::run);
    }

    private final java.util.concurrent.atomic.AtomicInteger pongs = new java.util.concurrent.atomic.AtomicInteger();

    /** How many WebSocket pings the fake has answered (silent sockets answer none). */
    public int pongsSent() {
        return pongs.get();
    }

    private final Map<String, BigDecimal> halfSpreads = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * From the next {@link #setMid} on, the coin's best bid and offer sit {@code halfSpread} below
     * and above the mid, pushed to {@code bbo} subscribers with every mid (none before this is set).
     */
    public void setHalfSpread(String coin, BigDecimal halfSpread) {
        halfSpreads.put(coin, halfSpread);
    }

    /**
     * Limits what resting (maker) orders of {@code coin} can fill from now on to {@code size} coins
     * in all, so a crossed order fills partly and the rest keeps resting; null lifts the limit
     * (the default: a crossed resting order fills completely).
     */
    public synchronized void setRestingLiquidity(String coin, BigDecimal size) {
        if (size == null) {
            makerLiquidity.remove(coin);
        } else {
            makerLiquidity.put(coin, size);
        }
    }

    /**
     * Answers /info requests of {@code type} with {@code handler} (called under the fake's lock;
     * e.g. a scripted candleSnapshot feed for runner tests).
     */
    public synchronized void setInfoHandler(String type, java.util.function.Function<JsonNode, JsonNode> handler) {
        infoHandlers.put(type, handler);
    }

    /** Queues {@code fault} for the next {@code times} requests to {@code path} ("/info" or "/exchange"). */
    public synchronized void inject(String path, Fault fault, int times) {
        Deque<Fault> q = faults.computeIfAbsent(path, p -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(fault);
        }
    }

    /**
     * Queues one fault per coming /info request, in order ({@link Fault#NONE} answers one as usual),
     * e.g. a rate limit, then a server error, then garbage: the data client's retry paths.
     */
    public synchronized void injectInfo(Fault... sequence) {
        Collections.addAll(faults.computeIfAbsent("/info", p -> new ArrayDeque<>()), sequence);
    }

    /**
     * Requests whose 1-based number (counted over /info and /exchange) matches answer HTTP 503
     * before anything else, e.g. {@code i -> i > 3}: the exchange goes down after three requests.
     */
    public void setDown(IntPredicate down) {
        this.down = down;
    }

    /** How many /info and /exchange requests arrived (faulted and refused ones included). */
    public synchronized int requestCount() {
        return requestCount;
    }

    /** Every /info body received, in order (faulted ones included). */
    public synchronized List<JsonNode> infoBodies() {
        return List.copyOf(infoBodies);
    }

    /** The candleSnapshot requests' startTime values, in order (faulted ones included). */
    public synchronized List<Long> candleStarts() {
        return infoBodies.stream().filter(r -> "candleSnapshot".equals(r.path("type").asText()))
                .map(r -> r.path("req").path("startTime").asLong()).toList();
    }

    /** How long TIMEOUT_AFTER_ACCEPT withholds the answer (must exceed the client's read timeout). */
    public synchronized void setAnswerDelayMs(long ms) {
        this.answerDelayMs = ms;
    }

    /**
     * The server's clock as its answers' HTTP {@code Date} header shows it: the fake's clock plus
     * {@code offsetMs} (whole seconds, RFC 1123, like any HTTP server), or no Date header at all
     * when null. Default: the fake's clock.
     */
    public void setDateOffsetMs(Long offsetMs) {
        this.dateOffsetMs = offsetMs;
    }

    /**
     * Answers candleSnapshot for {@code coin} and {@code interval} from {@code bars} (ascending):
     * those in the request's time window that have opened by the fake's clock (the last may still
     * be forming). A server whose data ended earlier: give bars that end earlier. Other coins and
     * intervals get an empty answer.
     */
    public synchronized void serveCandles(String coin, String interval, List<io.hypertrader.core.Candle> bars) {
        List<io.hypertrader.core.Candle> copy = List.copyOf(bars);
        setInfoHandler("candleSnapshot", body -> {
            JsonNode req = body.path("req");
            ArrayNode arr = F.arrayNode();
            if (!req.path("coin").asText().equals(coin) || !req.path("interval").asText().equals(interval)) {
                return arr;
            }
            long from = req.path("startTime").asLong();
            long to = req.has("endTime") ? req.path("endTime").asLong() : Long.MAX_VALUE;
            long now = clock.getAsLong();
            for (io.hypertrader.core.Candle c : copy) {
                if (c.openTime() >= from && c.openTime() <= to && c.openTime() <= now) {
                    arr.addObject().put("t", c.openTime()).put("T", c.closeTime()).put("s", coin).put("i", interval)
                            .put("o", plain(c.open())).put("c", plain(c.close())).put("h", plain(c.high())).put("l", plain(c.low()))
                            .put("v", plain(c.volume())).put("n", 10);
                }
            }
            return arr;
        });
    }

    private static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Every /exchange body received, in order (including refused ones). */
    public synchronized List<JsonNode> exchangeBodies() {
        return List.copyOf(exchangeBodies);
    }

    /** Every whole-request error the fake answered with. */
    public synchronized List<String> exchangeErrors() {
        return List.copyOf(exchangeErrors);
    }

    /** Orders the fake created for {@code user} (any status), oldest first. */
    public synchronized List<FakeOrder> orders(String user) {
        String u = Addresses.normalize(user, "user");
        return orders.values().stream().filter(o -> o.user.equals(u)).map(FakeOrder::copy).toList();
    }

    public synchronized List<FakeFill> fills(String user) {
        String u = Addresses.normalize(user, "user");
        return fills.stream().filter(f -> f.user().equals(u)).toList();
    }

    /** Signed position size of {@code user} in {@code coin} (0 when flat). */
    public synchronized BigDecimal position(String user, String coin) {
        Account a = accounts.get(Addresses.normalize(user, "user"));
        Pos p = a == null ? null : a.positions.get(coin);
        return p == null ? BigDecimal.ZERO : p.szi;
    }

    public synchronized BigDecimal usdc(String user) {
        return accounts.get(Addresses.normalize(user, "user")).usdc;
    }

    public synchronized Integer leverage(String user, String coin) {
        return accounts.get(Addresses.normalize(user, "user")).leverage.get(coin);
    }

    public synchronized Long scheduledCancel(String user) {
        return accounts.get(Addresses.normalize(user, "user")).scheduledCancel;
    }

    /** Number of open WebSocket connections. */
    public int webSocketCount() {
        return (int) sessions.stream().filter(s -> s.open).count();
    }

    /** Number of subscribe messages received over all connections (resubscriptions count again). */
    public int subscribeCount() {
        return sessions.stream().mapToInt(s -> s.subscribeMessages).sum();
    }

    /**
     * Drops every WebSocket (as the API servers may do without notice). Server-side okhttp sockets
     * cannot be cancelled, so this closes them with 1001 "going away" and stops sending at once.
     */
    public void dropWebSockets() {
        for (WsSession s : sessions) {
            if (s.open) {
                s.open = false;
                s.ws.close(1001, "going away");
            }
        }
    }

    /** Sends raw text to every WebSocket (malformed-message tests). */
    public void sendRawToWebSockets(String text) {
        for (WsSession s : sessions) {
            if (s.open) {
                s.ws.send(text);
            }
        }
    }

    /** When silent, the WebSocket side sends nothing at all, not even pongs (a stale feed). */
    public void setWebSocketSilent(boolean silent) {
        this.wsSilent = silent;
    }

    /** Pushes a candle message to subscribers of (coin, interval); data as given (object or array). */
    public void pushCandle(String coin, String interval, JsonNode data) {
        publish(s -> s.subscribed("candle", coin, interval), channel("candle", data));
    }

    /** Pushes an activeAssetCtx message ({@code {"coin":..,"ctx":{..}}}) to the coin's subscribers. */
    public void pushActiveAssetCtx(String coin, JsonNode ctx) {
        ObjectNode d = F.objectNode().put("coin", coin);
        d.set("ctx", ctx);
        publish(s -> s.subscribed("activeAssetCtx", coin, null), channel("activeAssetCtx", d));
    }

    /**
     * Where metaAndAssetCtxs takes each listed perp's context from (called under the fake's lock
     * with the coin name); by default one built from the coin's mid (or 1.0 without one).
     */
    public synchronized void setAssetContexts(java.util.function.Function<String, JsonNode> contexts) {
        this.assetContexts = contexts;
    }

    // ------------------------------------------------------------------ HTTP

    private MockResponse dispatch(RecordedRequest req) {
        MockResponse r = answer(req);
        Long offset = dateOffsetMs;
        if (offset == null || r.getWebSocketListener() != null) {
            return r;
        }
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.Instant.ofEpochMilli(clock.getAsLong() + offset).atZone(java.time.ZoneOffset.UTC));
        return r.newBuilder().setHeader("Date", date).build();
    }

    private MockResponse answer(RecordedRequest req) {
        String path = req.getUrl().encodedPath();
        if (path.equals("/ws")) {
            return new MockResponse.Builder().webSocketUpgrade(new WsListener()).build();
        }
        if (!"POST".equals(req.getMethod()) || !(path.equals("/info") || path.equals("/exchange"))) {
            return new MockResponse.Builder().code(404).body("Not Found").build();
        }
        Fault fault;
        int number;
        JsonNode body;
        try {
            body = JSON.readTree(req.getBody() == null ? "" : req.getBody().utf8());
        } catch (IOException e) {
            body = null;
        }
        synchronized (this) {
            number = ++requestCount;
            Deque<Fault> q = faults.get(path);
            fault = q == null ? null : q.poll();
            if (path.equals("/info") && body != null && body.isObject()) {
                infoBodies.add(body);
            }
        }
        if (down.test(number)) {
            return new MockResponse.Builder().code(503).body("upstream down").build();
        }
        if (fault != null) {
            MockResponse refused = refusedBeforeProcessing(fault);
            if (refused != null) {
                return refused;
            }
        }
        if (fault == Fault.HTTP_429) {
            return new MockResponse.Builder().code(429).setHeader("Retry-After", "0").body("").build();
        }
        if (fault == Fault.HTTP_502_BEFORE) {
            return new MockResponse.Builder().code(502).body("Bad Gateway").build();
        }
        if (fault == Fault.MALFORMED_BEFORE) {
            return new MockResponse.Builder().code(200).body("<html>oops").build();
        }
        if (body == null || !body.isObject()) {
            return new MockResponse.Builder().code(422).body("Failed to deserialize the JSON body into the target type").build();
        }
        String answer;
        List<Runnable> pushes = new ArrayList<>();
        try {
            synchronized (this) {
                tick(pushes);
                answer = path.equals("/info") ? info(body) : exchange(body, pushes);
            }
        } catch (UnprocessableException e) {
            return new MockResponse.Builder().code(422).body(e.getMessage()).build();
        }
        pushes.forEach(Runnable::run);
        if (fault == null) {
            return json(answer);
        }
        return switch (fault) {
            case HTTP_500_AFTER_ACCEPT -> new MockResponse.Builder().code(500).body("Internal Server Error").build();
            case TIMEOUT_AFTER_ACCEPT -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body(answer).headersDelay(answerDelayMs, TimeUnit.MILLISECONDS).build();
            case DROP_AFTER_ACCEPT -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            case MALFORMED_AFTER_ACCEPT -> new MockResponse.Builder().code(200).body("{\"status\":\"ok\",\"resp").build();
            default -> json(answer);
        };
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** The answers of the faults the data client's tests inject, or null for the others. */
    private static MockResponse refusedBeforeProcessing(Fault fault) {
        return switch (fault) {
            case HTTP_429_NO_RETRY_AFTER -> new MockResponse.Builder().code(429).body("null").build();
            case HTTP_429_RETRY_AFTER_7S -> new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("").build();
            case HTTP_500_BEFORE -> new MockResponse.Builder().code(500).body("<html>internal error</html>").build();
            case HTML_BEFORE -> new MockResponse.Builder().code(200).body("<html>502 Bad Gateway</html>").build();
            case TRUNCATED_JSON_BEFORE -> new MockResponse.Builder().code(200).body("[{\"t\":1700000000000,\"T\":17").build();
            case DROP_BEFORE -> new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            case HTTP_422_BEFORE ->
                    new MockResponse.Builder().code(422).body("Failed to deserialize the JSON body into the target type").build();
            default -> null;
        };
    }

    private static final class UnprocessableException extends RuntimeException {
        UnprocessableException(String m) {
            super(m);
        }
    }

    // ------------------------------------------------------------------ /info

    private String info(JsonNode body) {
        String type = body.path("type").asText();
        java.util.function.Function<JsonNode, JsonNode> extra = infoHandlers.get(type);
        if (extra != null) {
            return extra.apply(body).toString();
        }
        JsonNode out = switch (type) {
            case "meta" -> meta();
            case "metaAndAssetCtxs" -> {
                ArrayNode both = F.arrayNode();
                both.add(meta());
                ArrayNode ctxs = both.addArray();
                universe.forEach(l -> ctxs.add(assetContexts.apply(l.name())));
                yield both;
            }
            case "allMids" -> {
                ObjectNode m = F.objectNode();
                mids.forEach((c, p) -> m.put(c, fmt(p)));
                yield m;
            }
            case "clearinghouseState" -> clearinghouse(user(body));
            case "spotClearinghouseState" -> {
                ObjectNode s = F.objectNode();
                ArrayNode b = s.putArray("balances");
                Account a = accounts.get(user(body));
                if (a != null) {
                    b.addObject().put("coin", "USDC").put("token", 0).put("hold", "0.0").put("total", fmt(a.usdc)).put("entryNtl", "0.0");
                }
                yield s;
            }
            case "openOrders", "frontendOpenOrders" -> {
                ArrayNode arr = F.arrayNode();
                String u = user(body);
                List<FakeOrder> open = orders.values().stream().filter(o -> o.user.equals(u) && o.isOpen()).toList();
                for (int i = open.size() - 1; i >= 0; i--) { // newest first, as the API lists them
                    arr.add(open.get(i).toJson(type.equals("frontendOpenOrders")));
                }
                yield arr;
            }
            case "orderStatus" -> orderStatus(user(body), body.get("oid"));
            case "historicalOrders" -> {
                ArrayNode arr = F.arrayNode();
                String u = user(body);
                orders.values().stream().filter(o -> o.user.equals(u)).forEach(o -> arr.add(o.statusJson()));
                yield arr;
            }
            case "userFills" -> {
                ArrayNode arr = F.arrayNode();
                String u = user(body);
                for (int i = fills.size() - 1; i >= 0; i--) { // newest first
                    if (fills.get(i).user().equals(u)) {
                        arr.add(fills.get(i).toJson());
                    }
                }
                yield arr;
            }
            case "userFillsByTime" -> {
                ArrayNode arr = F.arrayNode();
                String u = user(body);
                long start = body.path("startTime").asLong();
                long end = body.has("endTime") ? body.get("endTime").asLong() : Long.MAX_VALUE;
                fills.stream().filter(f -> f.user().equals(u) && f.time() >= start && f.time() <= end).limit(2000)
                        .forEach(f -> arr.add(f.toJson()));
                yield arr;
            }
            case "userFunding" -> F.arrayNode();
            case "l2Book" -> l2Book(body.path("coin").asText());
            default -> throw new UnprocessableException("Failed to deserialize the JSON body into the target type");
        };
        return out.toString();
    }

    private String user(JsonNode body) {
        String u = body.path("user").asText();
        if (!Addresses.isAddress(u)) {
            throw new UnprocessableException("Failed to deserialize the JSON body into the target type");
        }
        return Addresses.normalize(u, "user");
    }

    private JsonNode meta() {
        ObjectNode m = F.objectNode();
        ArrayNode u = m.putArray("universe");
        for (Listing l : universe) {
            ObjectNode e = u.addObject();
            e.put("szDecimals", l.szDecimals()).put("name", l.name()).put("maxLeverage", l.maxLeverage()).put("marginTableId", l.maxLeverage());
            if (l.delisted()) {
                e.put("onlyIsolated", true).put("isDelisted", true);
            }
        }
        m.putArray("marginTables");
        return m;
    }

    /** A plausible context around the coin's mid: the shape metaAndAssetCtxs sends (strings, nullable premium). */
    private JsonNode defaultAssetContext(String coin) {
        BigDecimal mid = mids.getOrDefault(coin, BigDecimal.ONE);
        ObjectNode c = F.objectNode().put("funding", "0.0000125").put("openInterest", "1000.0").put("prevDayPx", fmt(mid))
                .put("dayNtlVlm", "0.0").put("premium", "0.0").put("oraclePx", fmt(mid)).put("markPx", fmt(mid))
                .put("midPx", fmt(mid)).put("dayBaseVlm", "0.0");
        c.putArray("impactPxs").add(fmt(mid)).add(fmt(mid));
        return c;
    }

    private JsonNode clearinghouse(String user) {
        Account a = accounts.get(user);
        ObjectNode out = F.objectNode();
        ArrayNode aps = out.putArray("assetPositions");
        BigDecimal upnl = BigDecimal.ZERO;
        BigDecimal ntl = BigDecimal.ZERO;
        BigDecimal margin = BigDecimal.ZERO;
        if (a != null) {
            for (Map.Entry<String, Pos> e : a.positions.entrySet()) {
                Pos p = e.getValue();
                if (p.szi.signum() == 0) {
                    continue;
                }
                BigDecimal mid = mids.getOrDefault(e.getKey(), p.entryPx);
                BigDecimal value = p.szi.abs().multiply(mid);
                BigDecimal pnl = p.szi.multiply(mid.subtract(p.entryPx));
                int lev = a.leverage.getOrDefault(e.getKey(), 20);
                BigDecimal used = value.divide(BigDecimal.valueOf(lev), 6, RoundingMode.HALF_EVEN);
                upnl = upnl.add(pnl);
                ntl = ntl.add(value);
                margin = margin.add(used);
                ObjectNode pos = aps.addObject().put("type", "oneWay").putObject("position");
                pos.put("coin", e.getKey()).put("szi", fmt(p.szi));
                pos.putObject("leverage").put("type", "cross").put("value", lev);
                pos.put("entryPx", fmt(p.entryPx)).put("positionValue", fmt(value)).put("unrealizedPnl", fmt(pnl))
                        .put("returnOnEquity", fmt(used.signum() == 0 ? BigDecimal.ZERO : pnl.divide(used, 8, RoundingMode.HALF_EVEN)))
                        .putNull("liquidationPx");
                pos.put("marginUsed", fmt(used)).put("maxLeverage", listing(e.getKey()).map(Listing::maxLeverage).orElse(50));
                pos.putObject("cumFunding").put("allTime", "0.0").put("sinceOpen", "0.0").put("sinceChange", "0.0");
            }
        }
        BigDecimal usdc = a == null ? BigDecimal.ZERO : a.usdc;
        BigDecimal value = usdc.add(upnl);
        for (String k : List.of("marginSummary", "crossMarginSummary")) {
            out.putObject(k).put("accountValue", fmt(value)).put("totalNtlPos", fmt(ntl)).put("totalRawUsd", fmt(usdc))
                    .put("totalMarginUsed", fmt(margin));
        }
        out.put("crossMaintenanceMarginUsed", fmt(margin.divide(BigDecimal.TWO, 6, RoundingMode.HALF_EVEN)));
        out.put("withdrawable", fmt(value.subtract(margin).max(BigDecimal.ZERO)));
        out.put("time", clock.getAsLong());
        return out;
    }

    private JsonNode orderStatus(String user, JsonNode oid) {
        Optional<FakeOrder> found;
        if (oid != null && oid.isIntegralNumber()) {
            found = Optional.ofNullable(orders.get(oid.asLong())).filter(o -> o.user.equals(user));
        } else if (oid != null && oid.isTextual()) {
            String c = oid.asText().toLowerCase(java.util.Locale.ROOT);
            found = orders.values().stream().filter(o -> o.user.equals(user) && c.equals(o.cloid)).findFirst();
        } else {
            throw new UnprocessableException("Failed to deserialize the JSON body into the target type");
        }
        if (found.isEmpty()) {
            return F.objectNode().put("status", "unknownOid");
        }
        ObjectNode out = F.objectNode().put("status", "order");
        out.set("order", found.get().statusJson());
        return out;
    }

    private JsonNode l2Book(String coin) {
        BigDecimal mid = mids.get(coin);
        ObjectNode out = F.objectNode().put("coin", coin).put("time", clock.getAsLong());
        ArrayNode levels = out.putArray("levels");
        ArrayNode bids = levels.addArray();
        ArrayNode asks = levels.addArray();
        if (mid != null) {
            BigDecimal tick = mid.multiply(new BigDecimal("0.0001"), new MathContext(2));
            for (int i = 1; i <= 5; i++) {
                bids.addObject().put("px", fmt(mid.subtract(tick.multiply(BigDecimal.valueOf(i))))).put("sz", "10.0").put("n", i);
                asks.addObject().put("px", fmt(mid.add(tick.multiply(BigDecimal.valueOf(i))))).put("sz", "10.0").put("n", i);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ /exchange

    private String exchange(JsonNode body, List<Runnable> pushes) {
        exchangeBodies.add(body.deepCopy());
        ExchangeRequest req;
        try {
            req = ExchangeRequest.fromJson(body);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("Failed to deserialize the JSON body into the target type");
        }
        String signer;
        try {
            signer = req.signature().recoverSigner(HyperliquidSigner.digestOf(req, network));
        } catch (IllegalArgumentException e) {
            return err("Invalid signature: " + e.getMessage());
        }
        Optional<UserSignedType> userSigned = UserSignedType.forAction(req.type());
        String account;
        if (accounts.containsKey(signer)) {
            account = signer;
        } else if (agentToMaster.containsKey(signer) && userSigned.isEmpty()) {
            account = agentToMaster.get(signer);
        } else {
            return err("L1 error: User or API Wallet " + signer + " does not exist.");
        }
        String nonceError = useNonce(signer, req.nonce());
        if (nonceError != null) {
            return err(nonceError);
        }
        if (req.expiresAfter() != null && req.expiresAfter() < clock.getAsLong()) {
            return err("Action expired: expiresAfter " + req.expiresAfter() + " is in the past");
        }
        String user = account;
        if (req.vaultAddress() != null) {
            if (!accounts.containsKey(req.vaultAddress())) {
                return err("Vault or sub-account " + req.vaultAddress() + " does not exist.");
            }
            user = req.vaultAddress();
        }
        ObjectNode a = req.action();
        return switch (req.type()) {
            case "order" -> placeOrders(user, a, pushes);
            case "cancel", "cancelByCloid" -> cancel(user, a, req.type().equals("cancelByCloid"), pushes);
            case "scheduleCancel" -> {
                Account acc = accounts.get(user);
                if (a.has("time")) {
                    long t = a.get("time").asLong();
                    if (t < clock.getAsLong() + 5_000) {
                        yield err("Scheduled cancel time too early, must be at least 5 seconds from now.");
                    }
                    acc.scheduledCancel = t;
                } else {
                    acc.scheduledCancel = null;
                }
                yield ok();
            }
            case "updateLeverage" -> {
                int asset = a.path("asset").asInt(-1);
                if (asset < 0 || asset >= universe.size()) {
                    yield err("Invalid asset " + asset);
                }
                Listing l = universe.get(asset);
                int lev = a.path("leverage").asInt();
                if (lev < 1 || lev > l.maxLeverage()) {
                    yield err("Invalid leverage value");
                }
                accounts.get(user).leverage.put(l.name(), lev);
                yield ok();
            }
            case "approveAgent" -> {
                agentToMaster.put(Addresses.normalize(a.path("agentAddress").asText(), "agentAddress"), account);
                yield ok();
            }
            case "noop" -> ok();
            default -> err("Unknown action type " + req.type());
        };
    }

    /** Hyperliquid's nonce rule: per signer, unused, above the smallest of the 100 highest, within (now - 2d, now + 1d). */
    private String useNonce(String signer, long nonce) {
        long now = clock.getAsLong();
        if (nonce <= now - 2 * DAY || nonce >= now + DAY) {
            return "Invalid nonce: nonce " + nonce + " is outside the allowed window around the block time";
        }
        TreeSet<Long> set = noncesBySigner.computeIfAbsent(signer, s -> new TreeSet<>());
        if (set.contains(nonce)) {
            return "Invalid nonce: duplicate nonce " + nonce;
        }
        if (set.size() >= 100 && nonce < set.first()) {
            return "Invalid nonce: nonce " + nonce + " is lower than the smallest of the 100 highest nonces";
        }
        set.add(nonce);
        if (set.size() > 100) {
            set.pollFirst();
        }
        return null;
    }

    private String placeOrders(String user, ObjectNode action, List<Runnable> pushes) {
        JsonNode wires = action.path("orders");
        String grouping = action.path("grouping").asText("na");
        if (!wires.isArray() || wires.isEmpty()) {
            return err("Order has zero size.");
        }
        ArrayNode statuses = F.arrayNode();
        FakeOrder parent = null;
        for (int i = 0; i < wires.size(); i++) {
            JsonNode w = wires.get(i);
            boolean child = grouping.equals("normalTpsl") && i > 0;
            if (child && !w.path("r").asBoolean()) {
                // Pre-validation: one error for the whole batch.
                ArrayNode one = F.arrayNode();
                one.addObject().put("error", "TP/SL orders must be reduce-only.");
                return okStatuses("order", one);
            }
            long before = nextOid;
            statuses.add(placeOne(user, w, child ? parent : null, child, pushes));
            if (i == 0 && nextOid > before) {
                parent = orders.get(before);
            }
        }
        return okStatuses("order", statuses);
    }

    private JsonNode placeOne(String user, JsonNode w, FakeOrder parent, boolean child, List<Runnable> pushes) {
        int asset = w.path("a").asInt(-1);
        if (asset < 0 || asset >= universe.size()) {
            return errStatus("Invalid asset " + asset);
        }
        Listing l = universe.get(asset);
        if (l.delisted()) {
            return errStatus("Trading is halted for " + l.name() + ".");
        }
        BigDecimal px;
        BigDecimal sz;
        try {
            px = new BigDecimal(w.path("p").asText());
            sz = new BigDecimal(w.path("s").asText());
        } catch (NumberFormatException e) {
            return errStatus("Order has invalid size.");
        }
        if (!OrderRounding.toWire(px).equals(w.path("p").asText()) || !OrderRounding.isValidPrice(px, l.szDecimals(), false)) {
            return errStatus("Price must be divisible by tick size. asset=" + asset);
        }
        if (sz.signum() <= 0) {
            return errStatus("Order has zero size.");
        }
        if (!OrderRounding.isValidSize(sz, l.szDecimals())) {
            return errStatus("Order has invalid size.");
        }
        boolean isBuy = w.path("b").asBoolean();
        boolean reduceOnly = w.path("r").asBoolean();
        String cloid = w.has("c") ? w.get("c").asText() : null;
        if (cloid != null && orders.values().stream().anyMatch(o -> o.user.equals(user) && cloid.equals(o.cloid))) {
            return errStatus("Duplicate cloid " + cloid + ": an order with this cloid already exists.");
        }
        BigDecimal mid = mids.get(l.name());
        if (mid == null) {
            return errStatus("No liquidity available for market order.");
        }
        if (!reduceOnly && px.multiply(sz).compareTo(BigDecimal.TEN) < 0) {
            return errStatus("Order must have minimum value of $10. asset=" + asset);
        }
        Account acc = accounts.get(user);
        BigDecimal pos = position(acc, l.name());
        if (reduceOnly && !child && (pos.signum() == 0 || (pos.signum() > 0) == isBuy)) {
            return errStatus("Reduce only order would increase position. asset=" + asset);
        }
        if (!reduceOnly && !marginOk(acc, l, px.multiply(sz))) {
            return errStatus("Insufficient margin to place order. asset=" + asset);
        }
        JsonNode t = w.path("t");
        FakeOrder o = new FakeOrder(nextOid++, user, l.name(), asset, isBuy, px, sz, reduceOnly, cloid, clock.getAsLong());
        if (t.has("trigger")) {
            JsonNode tr = t.get("trigger");
            o.triggerPx = new BigDecimal(tr.path("triggerPx").asText());
            o.isMarketTrigger = tr.path("isMarket").asBoolean();
            o.tpsl = tr.path("tpsl").asText();
            o.orderType = (o.isMarketTrigger ? (o.tpsl.equals("tp") ? "Take Profit Market" : "Stop Market")
                    : (o.tpsl.equals("tp") ? "Take Profit Limit" : "Stop Limit"));
            orders.put(o.oid, o);
            if (child) {
                o.waitingForParent = parent != null && !"filled".equals(parent.status) ? parent.oid : null;
                pushOrderUpdate(o, pushes);
                return F.textNode(o.waitingForParent != null ? "waitingForFill" : "waitingForTrigger");
            }
            pushOrderUpdate(o, pushes);
            return F.objectNode().set("resting", F.objectNode().put("oid", o.oid));
        }
        String tif = t.path("limit").path("tif").asText("Gtc");
        o.tif = tif;
        boolean crosses = isBuy ? px.compareTo(mid) >= 0 : px.compareTo(mid) <= 0;
        if (tif.equals("Alo") && crosses) {
            return errStatus("Post only order would have immediately matched, bbo was " + fmt(mid) + "@" + fmt(mid) + ". asset=" + asset);
        }
        if (tif.equals("Ioc") && !crosses) {
            return errStatus("Order could not immediately match against any resting orders. asset=" + asset);
        }
        orders.put(o.oid, o);
        if (crosses) {
            BigDecimal filled = fill(o, mid, true, pushes);
            return F.objectNode().set("filled", F.objectNode().put("totalSz", fmt(filled)).put("avgPx", fmt(mid)).put("oid", o.oid));
        }
        pushOrderUpdate(o, pushes);
        return F.objectNode().set("resting", F.objectNode().put("oid", o.oid));
    }

    private boolean marginOk(Account acc, Listing l, BigDecimal notional) {
        int lev = acc.leverage.getOrDefault(l.name(), 20);
        BigDecimal used = BigDecimal.ZERO;
        BigDecimal upnl = BigDecimal.ZERO;
        for (Map.Entry<String, Pos> e : acc.positions.entrySet()) {
            BigDecimal mid = mids.getOrDefault(e.getKey(), e.getValue().entryPx);
            used = used.add(e.getValue().szi.abs().multiply(mid).divide(BigDecimal.valueOf(acc.leverage.getOrDefault(e.getKey(), 20)), 6, RoundingMode.HALF_EVEN));
            upnl = upnl.add(e.getValue().szi.multiply(mid.subtract(e.getValue().entryPx)));
        }
        BigDecimal free = acc.usdc.add(upnl).subtract(used);
        return notional.divide(BigDecimal.valueOf(lev), 6, RoundingMode.HALF_EVEN).compareTo(free) <= 0;
    }

    private static BigDecimal position(Account acc, String coin) {
        Pos p = acc.positions.get(coin);
        return p == null ? BigDecimal.ZERO : p.szi;
    }

    /** Fills (a reduce-only order at most down to flat); returns the filled size. */
    private BigDecimal fill(FakeOrder o, BigDecimal px, boolean taker, List<Runnable> pushes) {
        Account acc = accounts.get(o.user);
        BigDecimal qty = o.sz;
        BigDecimal pos = position(acc, o.coin);
        if (o.reduceOnly) {
            boolean reduces = pos.signum() != 0 && (pos.signum() > 0) != o.isBuy;
            qty = reduces ? qty.min(pos.abs()) : BigDecimal.ZERO;
        }
        if (qty.signum() == 0) {
            setStatus(o, "reduceOnlyCanceled", pushes);
            return BigDecimal.ZERO;
        }
        boolean liquidityShort = false;
        BigDecimal liquidity = taker ? null : makerLiquidity.get(o.coin);
        if (liquidity != null) {
            if (liquidity.signum() <= 0) {
                return BigDecimal.ZERO; // nobody trades against it at this price: it keeps resting
            }
            if (qty.compareTo(liquidity) > 0) {
                qty = liquidity;
                liquidityShort = true;
            }
            makerLiquidity.put(o.coin, liquidity.subtract(qty));
        }
        Pos p = acc.positions.computeIfAbsent(o.coin, c -> new Pos());
        BigDecimal signed = o.isBuy ? qty : qty.negate();
        BigDecimal start = p.szi;
        BigDecimal closedPnl = BigDecimal.ZERO;
        String dir;
        if (start.signum() == 0 || start.signum() == signed.signum()) {
            BigDecimal newAbs = start.abs().add(qty);
            p.entryPx = start.signum() == 0 ? px
                    : start.abs().multiply(p.entryPx).add(qty.multiply(px)).divide(newAbs, 10, RoundingMode.HALF_EVEN).stripTrailingZeros();
            dir = o.isBuy ? "Open Long" : "Open Short";
        } else {
            BigDecimal closing = qty.min(start.abs());
            closedPnl = closing.multiply(px.subtract(p.entryPx)).multiply(BigDecimal.valueOf(start.signum()));
            dir = start.signum() > 0 ? "Close Long" : "Close Short";
            if (qty.compareTo(start.abs()) > 0) {
                p.entryPx = px;
            }
        }
        p.szi = start.add(signed);
        BigDecimal fee = qty.multiply(px).multiply(taker ? TAKER_FEE : MAKER_FEE).setScale(6, RoundingMode.HALF_EVEN);
        acc.usdc = acc.usdc.add(closedPnl).subtract(fee);
        o.sz = o.sz.subtract(qty);
        FakeFill f = new FakeFill(o.user, o.coin, px, qty, o.isBuy ? "B" : "A", clock.getAsLong(), start, dir, closedPnl,
                String.format(java.util.Locale.ROOT, "0x%064x", nextTid), o.oid, taker, fee, nextTid++, o.cloid);
        fills.add(f);
        if (liquidityShort) {
            pushOrderUpdate(o, pushes); // partly filled: the rest keeps resting
        } else {
            setStatus(o, "filled", pushes);
            activateChildren(o, pushes);
        }
        JsonNode fj = f.toJson();
        String user = o.user;
        pushes.add(() -> {
            ObjectNode d = F.objectNode().put("user", user);
            d.putArray("fills").add(fj);
            publish(s -> s.subscribed("userFills", null, null), channel("userFills", d));
            ObjectNode ev = F.objectNode();
            ev.putArray("fills").add(fj);
            publish(s -> s.subscribed("userEvents", null, null), channel("user", ev));
        });
        return qty;
    }

    private void activateChildren(FakeOrder parent, List<Runnable> pushes) {
        for (FakeOrder c : orders.values()) {
            if (c.waitingForParent != null && c.waitingForParent == parent.oid) {
                c.waitingForParent = null;
                pushOrderUpdate(c, pushes);
            }
        }
    }

    private void setStatus(FakeOrder o, String status, List<Runnable> pushes) {
        o.status = status;
        o.statusTimestamp = clock.getAsLong();
        pushOrderUpdate(o, pushes);
    }

    private void pushOrderUpdate(FakeOrder o, List<Runnable> pushes) {
        ObjectNode u = o.statusJson();
        pushes.add(() -> {
            ArrayNode arr = F.arrayNode();
            arr.add(u);
            publish(s -> s.subscribed("orderUpdates", null, null), channel("orderUpdates", arr));
        });
    }

    private void matchResting(String coin, List<Runnable> pushes) {
        BigDecimal mid = mids.get(coin);
        for (FakeOrder o : new ArrayList<>(orders.values())) {
            if (!o.coin.equals(coin) || !o.isOpen() || o.waitingForParent != null) {
                continue;
            }
            if (o.triggerPx != null && !o.triggered) {
                boolean above = mid.compareTo(o.triggerPx) >= 0;
                boolean below = mid.compareTo(o.triggerPx) <= 0;
                // A sell TP / buy SL fires on a rise; a sell SL / buy TP on a fall.
                boolean fires = (o.tpsl.equals("tp") != o.isBuy) ? above : below;
                if (!fires) {
                    continue;
                }
                o.triggered = true;
                if (o.isMarketTrigger) {
                    boolean withinLimit = o.isBuy ? mid.compareTo(o.px) <= 0 : mid.compareTo(o.px) >= 0;
                    if (withinLimit) {
                        fill(o, mid, true, pushes);
                    } else {
                        setStatus(o, "canceled", pushes);
                    }
                    continue;
                }
                o.status = "triggered";
            }
            boolean crosses = o.isBuy ? mid.compareTo(o.px) <= 0 : mid.compareTo(o.px) >= 0;
            if (crosses) {
                fill(o, o.px, false, pushes);
            }
        }
    }

    /** Fires due dead-man switches. */
    private void tick(List<Runnable> pushes) {
        long now = clock.getAsLong();
        for (Account a : accounts.values()) {
            if (a.scheduledCancel != null && now >= a.scheduledCancel) {
                a.scheduledCancel = null;
                for (FakeOrder o : orders.values()) {
                    if (o.user.equals(a.address) && o.isOpen()) {
                        setStatus(o, "scheduledCancel", pushes);
                    }
                }
            }
        }
    }

    private String cancel(String user, ObjectNode a, boolean byCloid, List<Runnable> pushes) {
        ArrayNode statuses = F.arrayNode();
        for (JsonNode c : a.path("cancels")) {
            Optional<FakeOrder> o;
            if (byCloid) {
                String cl = c.path("cloid").asText();
                int asset = c.path("asset").asInt();
                o = orders.values().stream().filter(x -> x.user.equals(user) && cl.equals(x.cloid) && x.asset == asset).findFirst();
            } else {
                long oid = c.path("o").asLong();
                int asset = c.path("a").asInt();
                o = Optional.ofNullable(orders.get(oid)).filter(x -> x.user.equals(user) && x.asset == asset);
            }
            if (o.isPresent() && o.get().isOpen()) {
                setStatus(o.get(), "canceled", pushes);
                statuses.add("success");
            } else {
                statuses.addObject().put("error", "Order was never placed, already canceled, or filled.");
            }
        }
        return okStatuses("cancel", statuses);
    }

    private String err(String message) {
        exchangeErrors.add(message);
        return F.objectNode().put("status", "err").put("response", message).toString();
    }

    private static JsonNode errStatus(String message) {
        return F.objectNode().put("error", message);
    }

    private static String ok() {
        ObjectNode o = F.objectNode().put("status", "ok");
        o.putObject("response").put("type", "default");
        return o.toString();
    }

    private static String okStatuses(String type, ArrayNode statuses) {
        ObjectNode o = F.objectNode().put("status", "ok");
        ObjectNode r = o.putObject("response").put("type", type);
        r.putObject("data").set("statuses", statuses);
        return o.toString();
    }

    private Optional<Listing> listing(String coin) {
        return universe.stream().filter(l -> l.name().equals(coin)).findFirst();
    }

    static String fmt(BigDecimal v) {
        BigDecimal s = v.setScale(Math.min(Math.max(v.scale(), 0), 8), RoundingMode.HALF_EVEN).stripTrailingZeros();
        String t = s.signum() == 0 ? "0" : s.toPlainString();
        return t.contains(".") ? t : t + ".0"; // the API writes "0.0", "30135.0"
    }

    // ------------------------------------------------------------------ state types

    private static final class Account {
        final String address;
        BigDecimal usdc = BigDecimal.ZERO;
        final Map<String, Pos> positions = new LinkedHashMap<>();
        final Map<String, Integer> leverage = new HashMap<>();
        Long scheduledCancel;

        Account(String address) {
            this.address = address;
        }
    }

    private static final class Pos {
        BigDecimal szi = BigDecimal.ZERO;
        BigDecimal entryPx = BigDecimal.ZERO;
    }

    /** An order as the fake keeps it (a copy is handed to tests). */
    public static final class FakeOrder {
        public final long oid;
        public final String user;
        public final String coin;
        public final int asset;
        public final boolean isBuy;
        public final BigDecimal px;
        public final BigDecimal origSz;
        public BigDecimal sz;
        public final boolean reduceOnly;
        public final String cloid;
        public final long timestamp;
        public String status = "open";
        public long statusTimestamp;
        public String tif;
        public BigDecimal triggerPx;
        public boolean isMarketTrigger;
        public String tpsl;
        public String orderType = "Limit";
        boolean triggered;
        Long waitingForParent;

        FakeOrder(long oid, String user, String coin, int asset, boolean isBuy, BigDecimal px, BigDecimal sz,
                  boolean reduceOnly, String cloid, long timestamp) {
            this.oid = oid;
            this.user = user;
            this.coin = coin;
            this.asset = asset;
            this.isBuy = isBuy;
            this.px = px;
            this.origSz = sz;
            this.sz = sz;
            this.reduceOnly = reduceOnly;
            this.cloid = cloid;
            this.timestamp = timestamp;
            this.statusTimestamp = timestamp;
        }

        public boolean isOpen() {
            return status.equals("open") || status.equals("triggered");
        }

        FakeOrder copy() {
            FakeOrder c = new FakeOrder(oid, user, coin, asset, isBuy, px, origSz, reduceOnly, cloid, timestamp);
            c.sz = sz;
            c.status = status;
            c.statusTimestamp = statusTimestamp;
            c.tif = tif;
            c.triggerPx = triggerPx;
            c.isMarketTrigger = isMarketTrigger;
            c.tpsl = tpsl;
            c.orderType = orderType;
            return c;
        }

        ObjectNode toJson(boolean frontend) {
            ObjectNode o = F.objectNode();
            o.put("coin", coin).put("side", isBuy ? "B" : "A").put("limitPx", fmt(px)).put("sz", fmt(sz)).put("oid", oid)
                    .put("timestamp", timestamp);
            if (frontend) {
                o.put("triggerCondition", triggerPx == null ? "N/A"
                                : ((tpsl.equals("tp") != isBuy) ? "Price above " : "Price below ") + triggerPx.toPlainString())
                        .put("isTrigger", triggerPx != null).put("triggerPx", triggerPx == null ? "0.0" : fmt(triggerPx));
                o.putArray("children");
                o.put("isPositionTpsl", false).put("reduceOnly", reduceOnly).put("orderType", orderType).put("origSz", fmt(origSz));
                if (tif == null) {
                    o.putNull("tif");
                } else {
                    o.put("tif", tif);
                }
                if (cloid == null) {
                    o.putNull("cloid");
                } else {
                    o.put("cloid", cloid);
                }
            }
            return o;
        }

        ObjectNode statusJson() {
            ObjectNode s = F.objectNode();
            s.set("order", toJson(true));
            s.put("status", status).put("statusTimestamp", statusTimestamp);
            return s;
        }
    }

    /** A fill as the fake records it. */
    public record FakeFill(String user, String coin, BigDecimal px, BigDecimal sz, String side, long time,
                           BigDecimal startPosition, String dir, BigDecimal closedPnl, String hash, long oid,
                           boolean crossed, BigDecimal fee, long tid, String cloid) {
        ObjectNode toJson() {
            ObjectNode f = F.objectNode();
            f.put("coin", coin).put("px", fmt(px)).put("sz", fmt(sz)).put("side", side).put("time", time)
                    .put("startPosition", fmt(startPosition)).put("dir", dir).put("closedPnl", fmt(closedPnl))
                    .put("hash", hash).put("oid", oid).put("crossed", crossed).put("fee", fmt(fee)).put("tid", tid)
                    .put("feeToken", "USDC");
            if (cloid != null) {
                f.put("cloid", cloid);
            }
            return f;
        }
    }

    // ------------------------------------------------------------------ WebSocket

    private static ObjectNode channel(String name, JsonNode data) {
        ObjectNode m = F.objectNode().put("channel", name);
        m.set("data", data);
        return m;
    }

    private void publish(java.util.function.Predicate<WsSession> who, JsonNode message) {
        if (wsSilent) {
            return;
        }
        String text = message.toString();
        for (WsSession s : sessions) {
            if (s.open && who.test(s)) {
                s.ws.send(text);
            }
        }
    }

    private final class WsSession {
        final WebSocket ws;
        final List<JsonNode> subscriptions = new CopyOnWriteArrayList<>();
        volatile boolean open = true;
        volatile int subscribeMessages;

        WsSession(WebSocket ws) {
            this.ws = ws;
        }

        boolean subscribed(String type, String coin, String interval) {
            for (JsonNode s : subscriptions) {
                if (type.equals(s.path("type").asText()) && (coin == null || coin.equals(s.path("coin").asText()))
                        && (interval == null || interval.equals(s.path("interval").asText()))) {
                    return true;
                }
            }
            return false;
        }
    }

    private final class WsListener extends WebSocketListener {
        private WsSession session;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            session = new WsSession(webSocket);
            sessions.add(session);
            if (!wsSilent) {
                webSocket.send("Websocket connection established.");
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode m;
            try {
                m = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            if (wsSilent) {
                return;
            }
            String method = m.path("method").asText();
            switch (method) {
                case "ping" -> {
                    pongs.incrementAndGet();
                    webSocket.send("{\"channel\":\"pong\"}");
                }
                case "subscribe" -> {
                    JsonNode sub = m.path("subscription");
                    session.subscribeMessages++;
                    session.subscriptions.add(sub);
                    ObjectNode ack = F.objectNode().put("method", "subscribe");
                    ack.set("subscription", sub);
                    webSocket.send(channel("subscriptionResponse", ack).toString());
                    sendSnapshot(webSocket, sub);
                }
                case "unsubscribe" -> session.subscriptions.removeIf(s -> s.equals(m.path("subscription")));
                default -> webSocket.send(channel("error", F.textNode("Unknown method: " + text)).toString());
            }
        }

        private void sendSnapshot(WebSocket webSocket, JsonNode sub) {
            String type = sub.path("type").asText();
            if (type.equals("userFills")) {
                String user = Addresses.normalize(sub.path("user").asText(), "user");
                ObjectNode d = F.objectNode().put("isSnapshot", true).put("user", user);
                ArrayNode arr = d.putArray("fills");
                synchronized (FakeHyperliquid.this) {
                    fills.stream().filter(f -> f.user().equals(user)).forEach(f -> arr.add(f.toJson()));
                }
                webSocket.send(channel("userFills", d).toString());
            } else if (type.equals("allMids")) {
                ObjectNode m = F.objectNode();
                ObjectNode inner = m.putObject("mids");
                synchronized (FakeHyperliquid.this) {
                    mids.forEach((c, p) -> inner.put(c, fmt(p)));
                }
                webSocket.send(channel("allMids", m).toString());
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            if (session != null) {
                session.open = false;
            }
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            if (session != null) {
                session.open = false;
            }
        }
    }
}
