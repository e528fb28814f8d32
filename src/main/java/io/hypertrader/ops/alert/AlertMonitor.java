package io.hypertrader.ops.alert;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a runner's raw observations into threshold alerts for one deployment: the share of failed
 * orders over a sliding window, an API endpoint's latency percentile over a window, a socket down
 * for too long. Each condition alerts once when it starts and again only after it has cleared
 * (the dispatcher's dedupe window also applies), so a bad hour is one alert, not one per order.
 *
 * <p>Fed with times from the caller's clock (no wall clock here): tests drive it with plain
 * numbers. Memory is bounded by the windows (samples older than a window are dropped as new ones
 * arrive). Thread-safe (a socket listener may report from its own thread).
 */
public final class AlertMonitor {

    private final String deploymentId;
    private final String stage;
    private final Thresholds t;
    private final Consumer<AlertEvent> sink;

    private final ArrayDeque<long[]> orders = new ArrayDeque<>(); // {timeMs, failed ? 1 : 0}
    private int failedInWindow;
    private boolean orderAlarm;

    private final Map<String, ArrayDeque<long[]>> latencies = new HashMap<>(); // endpoint -> {timeMs, ms}
    private final Map<String, Boolean> latencyAlarm = new HashMap<>();

    private final Map<String, Long> downSince = new LinkedHashMap<>();
    private final Map<String, Boolean> socketAlarm = new HashMap<>();

    /** @param sink where alerts go, usually {@link AlertDispatcher#submit} (which never blocks) */
    public AlertMonitor(String deploymentId, String stage, Thresholds thresholds, Consumer<AlertEvent> sink) {
        this.deploymentId = deploymentId;
        this.stage = stage;
        this.t = thresholds;
        this.sink = sink;
    }

    /**
     * One order the exchange answered (or failed to): {@code failed} when it was rejected by the
     * exchange or its request errored. Risk-manager refusals are our own rule working, not a failure,
     * and are not fed here.
     */
    public synchronized void orderOutcome(long nowMs, boolean failed) {
        orders.addLast(new long[]{nowMs, failed ? 1 : 0});
        failedInWindow += failed ? 1 : 0;
        long from = nowMs - t.orderFailureWindow().toMillis();
        while (!orders.isEmpty() && orders.peekFirst()[0] <= from) {
            failedInWindow -= (int) orders.pollFirst()[1];
        }
        int total = orders.size();
        if (total < t.orderFailureMinOrders()) {
            return;
        }
        boolean over = (double) failedInWindow / total > t.orderFailureRate();
        if (over && !orderAlarm) {
            orderAlarm = true;
            sink.accept(new AlertEvent.OrderFailureRate(deploymentId, stage, nowMs, failedInWindow, total, t.orderFailureRate(),
                    t.orderFailureWindow().toMillis()));
        } else if (!over) {
            orderAlarm = false;
        }
    }

    /** One request's round trip to {@code endpoint} ("info" or "exchange"), ms. */
    public synchronized void apiLatency(long nowMs, String endpoint, long latencyMs) {
        ArrayDeque<long[]> q = latencies.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
        q.addLast(new long[]{nowMs, latencyMs});
        long from = nowMs - t.apiLatencyWindow().toMillis();
        while (!q.isEmpty() && q.peekFirst()[0] <= from) {
            q.pollFirst();
        }
        if (q.size() < t.apiLatencyMinSamples()) {
            return;
        }
        long p = percentile(q, t.apiLatencyPercentile());
        boolean over = p > t.apiLatency().toMillis();
        boolean alarmed = latencyAlarm.getOrDefault(endpoint, false);
        if (over && !alarmed) {
            latencyAlarm.put(endpoint, true);
            sink.accept(new AlertEvent.ApiLatency(deploymentId, stage, nowMs, endpoint, t.apiLatencyPercentile(), p,
                    t.apiLatency().toMillis(), q.size(), t.apiLatencyWindow().toMillis()));
        } else if (!over) {
            latencyAlarm.put(endpoint, false);
        }
    }

    /** Nearest-rank percentile of the window's latencies. */
    static long percentile(ArrayDeque<long[]> q, double pct) {
        long[] v = new long[q.size()];
        int i = 0;
        for (long[] s : q) {
            v[i++] = s[1];
        }
        Arrays.sort(v);
        int rank = (int) Math.ceil(pct / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    /** A socket ("market data", "user") connected and delivering. */
    public synchronized void socketUp(long nowMs, String socket) {
        downSince.remove(socket);
        socketAlarm.put(socket, false);
    }

    /** A socket dropped or went stale; the first report of an outage starts its clock. */
    public synchronized void socketDown(long nowMs, String socket) {
        downSince.putIfAbsent(socket, nowMs);
        tick(nowMs);
    }

    /** Checks the clocks of sockets that are down; call it once per runner loop. */
    public synchronized void tick(long nowMs) {
        for (Map.Entry<String, Long> e : downSince.entrySet()) {
            long down = nowMs - e.getValue();
            if (down >= t.socketDownAfter().toMillis() && !socketAlarm.getOrDefault(e.getKey(), false)) {
                socketAlarm.put(e.getKey(), true);
                sink.accept(new AlertEvent.SocketDown(deploymentId, stage, nowMs, e.getKey(), down, t.socketDownAfter().toMillis()));
            }
        }
    }
}
