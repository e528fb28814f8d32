package io.hypertrader.live.exchange;

import io.hypertrader.core.Coin;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.HyperliquidWire;
import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.live.sign.Addresses;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The Hyperliquid WebSocket feed (okhttp): allMids, candle, activeAssetCtx, orderUpdates,
 * userFills and userEvents (which arrive on channel "user"). It accepts the plain-text greeting, pings well
 * inside the server's 60 s idle timeout, reconnects with exponential backoff and resubscribes
 * everything (the server keeps no subscriptions), de-duplicates fills by trade id across
 * snapshots and reconnects, and reports a feed that has been silent for {@code staleAfter}
 * (then reconnects it). Malformed messages are reported and skipped, never fatal.
 *
 * <p>Callbacks run on okhttp's reader thread or the client's scheduler thread, one at a time
 * per connection; keep them short. One user per connection for user channels (the messages do
 * not name the user).
 *
 * <p><b>One file (about 450 lines).</b> One connection's life: connect, subscriptions kept across
 * reconnects, pings and the stale check, and the parsing of each channel into its callback.
 */
public final class HyperliquidWebSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HyperliquidWebSocket.class);
    private static final String GREETING = "Websocket connection established.";
    private static final int MAX_REMEMBERED_FILLS = 100_000;

    /** Timing settings. */
    public record Settings(Duration pingInterval, Duration staleAfter, Duration initialBackoff, Duration maxBackoff) {
        /** Ping every 20 s, stale after 45 s of silence, reconnect backoff 0.5 s doubling to 30 s. */
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(20), Duration.ofSeconds(45),
                Duration.ofMillis(500), Duration.ofSeconds(30));

        public Settings {
            if (pingInterval.compareTo(Duration.ofSeconds(55)) > 0) {
                throw new IllegalArgumentException("pingInterval must stay well inside the server's 60 s idle timeout");
            }
            if (staleAfter.compareTo(pingInterval) <= 0) {
                throw new IllegalArgumentException("staleAfter must exceed pingInterval (pongs keep a quiet feed alive)");
            }
        }
    }

    /** What the feed reports. Every method has an empty default. */
    public interface Listener {
        default void onAllMids(Map<String, BigDecimal> mids) {
        }

        default void onCandle(WsCandle candle) {
        }

        /**
         * A perp's asset context from the activeAssetCtx channel (mark, oracle, open interest,
         * funding...); the exchange does not stamp it, so its time is this client's clock at arrival.
         */
        default void onAssetContext(AssetContext ctx) {
        }

        /**
         * A coin's best bid and offer (channel "bbo"); NaN for a side the book does not have.
         * Pushed when either changes.
         */
        default void onBbo(String coin, double bid, double ask) {
        }

        /** Order status changes (open, filled, canceled, ...); may repeat after a reconnect. */
        default void onOrderUpdates(List<OrderStatusInfo> updates) {
        }

        /** New fills only: each trade id is delivered once, snapshots included. */
        default void onFills(List<UserFill> fills, boolean fromSnapshot) {
        }

        /** userEvents other than fills (funding, liquidation, nonUserCancel), raw. */
        default void onUserEvent(JsonNode data) {
        }

        /** A connection opened and the subscriptions were (re)sent; {@code n} counts connections. */
        default void onConnected(int n) {
        }

        default void onDisconnected(String reason) {
        }

        /** Nothing (not even a pong) arrived for {@code silentMs}: the feed is stale and is being reconnected. */
        default void onStale(long silentMs) {
        }

        /** A message that could not be understood; it was skipped. */
        default void onMalformed(String text, String reason) {
        }
    }

    private final OkHttpClient http;
    private final String url;
    private final Settings settings;
    private final Listener listener;
    private final LongSupplier clockMs;
    private final List<ObjectNode> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> seenFills = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED_FILLS;
        }
    };
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hyperliquid-ws");
        t.setDaemon(true);
        return t;
    });

    private volatile WebSocket current;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile long lastMessageAt;
    private volatile boolean staleReported;
    private int connections;
    private int failedAttempts;
    private ScheduledFuture<?> reconnect;

    /** @param url e.g. {@code wss://api.hyperliquid.xyz/ws} ({@link io.hypertrader.core.Network#webSocketUrl}) */
    public HyperliquidWebSocket(OkHttpClient http, String url, Settings settings, Listener listener, LongSupplier clockMs) {
        this.http = Objects.requireNonNull(http);
        this.url = Objects.requireNonNull(url);
        this.settings = Objects.requireNonNull(settings);
        this.listener = Objects.requireNonNull(listener);
        this.clockMs = Objects.requireNonNull(clockMs);
    }

    // ------------------------------------------------------------------ subscriptions

    public void subscribeAllMids() {
        subscribe(sub("allMids"));
    }

    public void subscribeCandle(String coin, String interval) {
        subscribe(sub("candle").put("coin", coin).put("interval", interval));
    }

    /** Best bid and offer of a coin (channel "bbo"). */
    public void subscribeBbo(String coin) {
        subscribe(sub("bbo").put("coin", coin));
    }

    /** activeAssetCtx of a perp (channel "activeAssetCtx"; spot coins use another channel and are not supported). */
    public void subscribeActiveAssetCtx(String coin) {
        subscribe(sub("activeAssetCtx").put("coin", coin));
    }

    public void subscribeOrderUpdates(String user) {
        subscribe(sub("orderUpdates").put("user", Addresses.normalize(user, "user")));
    }

    public void subscribeUserFills(String user) {
        subscribe(sub("userFills").put("user", Addresses.normalize(user, "user")).put("aggregateByTime", false));
    }

    /** userEvents: fills, funding, liquidations, non-user cancels (channel "user"). */
    public void subscribeUserEvents(String user) {
        subscribe(sub("userEvents").put("user", Addresses.normalize(user, "user")));
    }

    private static ObjectNode sub(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private void subscribe(ObjectNode subscription) {
        if (subscriptions.contains(subscription)) {
            return;
        }
        subscriptions.add(subscription);
        WebSocket ws = current;
        if (connected && ws != null) {
            ws.send(subscribeMessage(subscription));
        }
    }

    private static String subscribeMessage(ObjectNode subscription) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("method", "subscribe");
        m.set("subscription", subscription);
        return m.toString();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Connects and starts pinging and watching for staleness. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        lastMessageAt = clockMs.getAsLong();
        connect();
        long ping = settings.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::ping, ping, ping, TimeUnit.MILLISECONDS);
        long check = Math.max(10, Math.min(ping, settings.staleAfter().toMillis() / 4));
        scheduler.scheduleAtFixedRate(this::checkStale, check, check, TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return connected;
    }

    /** Connections opened so far (1 after the first connect; each reconnect adds one). */
    public synchronized int connectionCount() {
        return connections;
    }

    /** Epoch ms of the last message of any kind (data, pong, greeting). */
    public long lastMessageAt() {
        return lastMessageAt;
    }

    @Override
    public synchronized void close() {
        closed = true;
        scheduler.shutdownNow();
        WebSocket ws = current;
        if (ws != null) {
            ws.close(1000, "client closing");
        }
        connected = false;
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        current = http.newWebSocket(new Request.Builder().url(url).build(), new Socket());
    }

    private synchronized void scheduleReconnect(String reason) {
        connected = false;
        if (closed || (reconnect != null && !reconnect.isDone())) {
            return;
        }
        long delay = Math.min(settings.maxBackoff().toMillis(),
                settings.initialBackoff().toMillis() << Math.min(failedAttempts, 16));
        failedAttempts++;
        LOG.info("hyperliquid websocket disconnected ({}); reconnecting in {} ms", reason, delay);
        try {
            reconnect = scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void ping() {
        WebSocket ws = current;
        if (connected && ws != null) {
            ws.send("{\"method\":\"ping\"}");
        }
    }

    private void checkStale() {
        long silent = clockMs.getAsLong() - lastMessageAt;
        if (silent >= settings.staleAfter().toMillis() && !staleReported) {
            staleReported = true;
            safe(() -> listener.onStale(silent));
            WebSocket ws = current;
            if (ws != null) {
                ws.cancel(); // onFailure follows and schedules the reconnect
            }
        }
    }

    private final class Socket extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            int n;
            synchronized (HyperliquidWebSocket.this) {
                if (webSocket != current) {
                    webSocket.cancel();
                    return;
                }
                connected = true;
                failedAttempts = 0;
                n = ++connections;
            }
            lastMessageAt = clockMs.getAsLong();
            staleReported = false;
            for (ObjectNode s : subscriptions) {
                webSocket.send(subscribeMessage(s));
            }
            safe(() -> listener.onConnected(n));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (webSocket != current) {
                return;
            }
            lastMessageAt = clockMs.getAsLong();
            staleReported = false;
            handle(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            lost(webSocket, "closed " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            lost(webSocket, String.valueOf(t));
        }

        private void lost(WebSocket webSocket, String reason) {
            if (webSocket != current) {
                return;
            }
            boolean wasConnected = connected;
            connected = false;
            if (wasConnected) {
                safe(() -> listener.onDisconnected(reason));
            }
            scheduleReconnect(reason);
        }
    }

    // ------------------------------------------------------------------ messages

    void handle(String text) {
        if (text.startsWith(GREETING)) {
            return;
        }
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            safe(() -> listener.onMalformed(text, "not JSON"));
            return;
        }
        if (m == null || !m.isObject() || !m.path("channel").isTextual()) {
            safe(() -> listener.onMalformed(text, "no channel"));
            return;
        }
        JsonNode data = m.get("data");
        try {
            switch (m.get("channel").asText()) {
                case "pong", "subscriptionResponse", "post" -> {
                }
                case "allMids" -> {
                    Map<String, BigDecimal> mids = TradingInfoClient.parseMids(Json.object(data.get("mids"), "allMids.mids"));
                    safe(() -> listener.onAllMids(mids));
                }
                case "candle" -> {
                    List<WsCandle> candles = new ArrayList<>();
                    if (data != null && data.isArray()) {
                        data.forEach(c -> candles.add(WsCandle.parse(c)));
                    } else {
                        candles.add(WsCandle.parse(data));
                    }
                    candles.forEach(c -> safe(() -> listener.onCandle(c)));
                }
                case "activeAssetCtx" -> {
                    Json.object(data, "activeAssetCtx");
                    Coin coin = Coin.of(Json.str(data, "coin"));
                    AssetContext ctx = HyperliquidWire.parseAssetCtx(data.get("ctx"), coin, clockMs.getAsLong(),
                            AssetContext.VIA_WS, "activeAssetCtx " + coin);
                    safe(() -> listener.onAssetContext(ctx));
                }
                case "bbo" -> {
                    Json.object(data, "bbo");
                    String coin = Json.str(data, "coin");
                    JsonNode levels = Json.array(data.get("bbo"), "bbo.bbo");
                    double bid = levels.size() > 0 && levels.get(0).hasNonNull("px") ? Double.parseDouble(levels.get(0).get("px").asText())
                            : Double.NaN;
                    double ask = levels.size() > 1 && levels.get(1).hasNonNull("px") ? Double.parseDouble(levels.get(1).get("px").asText())
                            : Double.NaN;
                    safe(() -> listener.onBbo(coin, bid, ask));
                }
                case "orderUpdates" -> {
                    List<OrderStatusInfo> updates = new ArrayList<>();
                    Json.array(data, "orderUpdates").forEach(u -> updates.add(OrderStatusInfo.parseEntry(u)));
                    safe(() -> listener.onOrderUpdates(List.copyOf(updates)));
                }
                case "userFills" -> deliverFills(UserFill.parseAll(Json.object(data, "userFills").get("fills")),
                        data.path("isSnapshot").asBoolean(false));
                case "user" -> {
                    Json.object(data, "user");
                    if (data.has("fills")) {
                        deliverFills(UserFill.parseAll(data.get("fills")), false);
                    } else {
                        safe(() -> listener.onUserEvent(data));
                    }
                }
                case "error" -> safe(() -> listener.onMalformed(text, "server error message"));
                default -> LOG.debug("ignoring websocket channel {}", m.get("channel").asText());
            }
        } catch (MalformedResponseException | NullPointerException | IllegalArgumentException e) {
            safe(() -> listener.onMalformed(text, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void deliverFills(List<UserFill> fills, boolean snapshot) {
        List<UserFill> fresh = new ArrayList<>();
        synchronized (seenFills) {
            for (UserFill f : fills) {
                if (seenFills.putIfAbsent(f.dedupeKey(), Boolean.TRUE) == null) {
                    fresh.add(f);
                }
            }
        }
        if (!fresh.isEmpty()) {
            safe(() -> listener.onFills(List.copyOf(fresh), snapshot));
        }
    }

    /** Marks fills as already known (e.g. loaded from the journal) so a snapshot does not re-deliver them. */
    public void rememberFills(List<UserFill> fills) {
        synchronized (seenFills) {
            fills.forEach(f -> seenFills.put(f.dedupeKey(), Boolean.TRUE));
        }
    }

    private static void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("websocket listener failed: {}", e.toString());
        }
    }
}
