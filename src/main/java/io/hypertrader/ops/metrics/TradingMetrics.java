package io.hypertrader.ops.metrics;

import io.hypertrader.risk.RiskEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a runner reports about one deployment, as Micrometer meters tagged {@code deployment} and
 * {@code stage}; in Prometheus text (docs/operations.md "Metrics"):
 * <pre>
 * hypertrader_orders_sent_total                  orders handed to the venue
 * hypertrader_orders_accepted_total              orders the venue accepted (resting or filled)
 * hypertrader_orders_rejected_total{reason}      refusals by reject code (RISK for the risk manager)
 * hypertrader_fills_total{liquidity}             fills, maker or taker
 * hypertrader_fill_notional_usd_total            traded notional, USDC
 * hypertrader_api_latency_seconds{endpoint}      histogram of REST round trips, info or exchange
 * hypertrader_websocket_connected{socket}        1 while connected
 * hypertrader_websocket_connected_seconds_total{socket}  time connected
 * hypertrader_websocket_reconnects_total{socket} connections after the first
 * hypertrader_equity_usd                         account equity
 * hypertrader_exposure_usd                       gross position notional
 * hypertrader_risk_events_total{rule,action}     risk manager events
 * </pre>
 * Many deployments may share one registry (a process running several); {@link #close()} removes
 * this deployment's meters. Thread-safe; recording is a few atomic operations, nothing blocks.
 */
public final class TradingMetrics implements AutoCloseable {

    /** Latency buckets: the 500 ms alert threshold is one of them, so Grafana's share-under-500ms is exact. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Tags tags;
    private final LongSupplier clockMs;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final Counter sent;
    private final Counter accepted;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> fills = new ConcurrentHashMap<>();
    private final Counter notional;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, SocketClock> sockets = new ConcurrentHashMap<>();
    private final Map<String, Counter> risk = new ConcurrentHashMap<>();
    private final Value equity = new Value();
    private final Value exposure = new Value();

    /** A gauge's value; the registry holds gauges weakly, so this object keeps it alive. */
    private static final class Value {
        volatile double v = Double.NaN;
    }

    /** Connected time of one socket, read by a function counter. */
    private static final class SocketClock {
        long accumulatedMs;
        long connectedSinceMs = -1;
        int connects;

        synchronized double seconds(long now) {
            return (accumulatedMs + (connectedSinceMs >= 0 ? now - connectedSinceMs : 0)) / 1000.0;
        }

        synchronized double up() {
            return connectedSinceMs >= 0 ? 1 : 0;
        }
    }

    /**
     * @param stage   paper, testnet or mainnet
     * @param clockMs the clock connected time is measured with (the runner's)
     */
    public TradingMetrics(MeterRegistry registry, String deploymentId, String stage, LongSupplier clockMs) {
        this.registry = registry;
        this.tags = Tags.of("deployment", Objects.requireNonNull(deploymentId), "stage", Objects.requireNonNull(stage));
        this.clockMs = clockMs;
        this.sent = keep(Counter.builder("hypertrader.orders.sent").description("Orders handed to the venue").tags(tags).register(registry));
        this.accepted = keep(Counter.builder("hypertrader.orders.accepted").description("Orders the venue accepted")
                .tags(tags).register(registry));
        this.notional = keep(Counter.builder("hypertrader.fill.notional").baseUnit("usd").description("Traded notional")
                .tags(tags).register(registry));
        keep(Gauge.builder("hypertrader.equity", equity, v -> v.v).baseUnit("usd").description("Account equity")
                .tags(tags).strongReference(true).register(registry));
        keep(Gauge.builder("hypertrader.exposure", exposure, v -> v.v).baseUnit("usd").description("Gross position notional")
                .tags(tags).strongReference(true).register(registry));
    }

    private <M extends Meter> M keep(M m) {
        meters.add(m);
        return m;
    }

    public void orderSent() {
        sent.increment();
    }

    public void orderAccepted() {
        accepted.increment();
    }

    /** @param reason the reject code (the engine's {@code RejectCode} name, e.g. RISK, MIN_NOTIONAL, EXCHANGE) */
    public void orderRejected(String reason) {
        rejected.computeIfAbsent(reason.toUpperCase(Locale.ROOT), r -> keep(Counter.builder("hypertrader.orders.rejected")
                .description("Orders refused, by reason").tags(tags).tag("reason", r).register(registry))).increment();
    }

    public void fill(double notionalUsd, boolean maker) {
        fills.computeIfAbsent(maker ? "maker" : "taker", l -> keep(Counter.builder("hypertrader.fills").description("Fills")
                .tags(tags).tag("liquidity", l).register(registry))).increment();
        notional.increment(Math.abs(notionalUsd));
    }

    /** One REST round trip to {@code endpoint} ("info" or "exchange"). */
    public void apiLatency(String endpoint, long nanos) {
        latency.computeIfAbsent(endpoint, e -> keep(Timer.builder("hypertrader.api.latency").description("REST round trips")
                .tags(tags).tag("endpoint", e).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A socket ("market", "user") connected; every connect after the first counts as a reconnect. */
    public void socketConnected(String socket) {
        SocketClock c = socket(socket);
        synchronized (c) {
            if (c.connectedSinceMs < 0) {
                c.connectedSinceMs = clockMs.getAsLong();
                if (c.connects++ > 0) {
                    reconnects(socket).increment();
                }
            }
        }
    }

    public void socketDisconnected(String socket) {
        SocketClock c = socket(socket);
        synchronized (c) {
            if (c.connectedSinceMs >= 0) {
                c.accumulatedMs += clockMs.getAsLong() - c.connectedSinceMs;
                c.connectedSinceMs = -1;
            }
        }
    }

    private SocketClock socket(String socket) {
        return sockets.computeIfAbsent(socket, s -> {
            SocketClock c = new SocketClock();
            keep(FunctionCounter.builder("hypertrader.websocket.connected.seconds", c, x -> x.seconds(clockMs.getAsLong()))
                    .description("Time the socket was connected").tags(tags).tag("socket", s).register(registry));
            keep(Gauge.builder("hypertrader.websocket.connected", c, SocketClock::up).description("1 while the socket is connected")
                    .tags(tags).tag("socket", s).strongReference(true).register(registry));
            reconnects(s);
            return c;
        });
    }

    private Counter reconnects(String socket) {
        Counter c = Counter.builder("hypertrader.websocket.reconnects").description("Connections after the first")
                .tags(tags).tag("socket", socket).register(registry);
        if (!meters.contains(c)) {
            meters.add(c);
        }
        return c;
    }

    public void equity(double usd) {
        equity.v = usd;
    }

    public void exposure(double grossUsd) {
        exposure.v = grossUsd;
    }

    public void riskEvent(RiskEvent e) {
        String key = e.rule().name() + "|" + e.action().name();
        risk.computeIfAbsent(key, k -> keep(Counter.builder("hypertrader.risk.events").description("Risk manager events")
                .tags(tags).tag("rule", e.rule().name()).tag("action", e.action().name()).register(registry))).increment();
    }

    /** Removes this deployment's meters from the registry (a deployment that ended stops being scraped). */
    @Override
    public void close() {
        for (Meter m : meters) {
            registry.remove(m);
        }
        meters.clear();
    }
}
