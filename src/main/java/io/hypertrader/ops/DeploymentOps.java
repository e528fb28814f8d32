package io.hypertrader.ops;

import io.hypertrader.ops.alert.AlertEvent;
import io.hypertrader.ops.alert.AlertMonitor;
import io.hypertrader.ops.metrics.TradingMetrics;
import io.hypertrader.risk.RiskEvent;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a runner tells operations about one deployment, one call per observation: each call feeds
 * the metrics, the threshold monitor and the alerts as it concerns them, so the runner's code
 * says what happened once. Any part may be absent ({@link #none}): no alerts.yaml, no
 * {@code --metrics-port}. Nothing here blocks: metrics are atomic counters and alerts go to the
 * dispatcher's queues.
 *
 * <p>Socket names are {@code "market"} (candles and mids) and {@code "user"} (fills and order
 * updates); endpoints {@code "info"} and {@code "exchange"}.
 */
public final class DeploymentOps implements io.hypertrader.live.runner.RunnerEvents, AutoCloseable {

    /** The risk manager's reject code: a refusal by our own rule, not an order failure. */
    public static final String RISK_CODE = "RISK";

    private final String deploymentId;
    private final String stage;
    private final TradingMetrics metrics;
    private final AlertMonitor monitor;
    private final Consumer<AlertEvent> alerts;
    private final LongSupplier clock;

    /**
     * @param metrics this deployment's meters, or null
     * @param monitor this deployment's threshold monitor (whose sink is {@code alerts}), or null
     * @param alerts  where direct alerts go ({@code dispatcher::submit}), or null
     * @param clock   the runner's clock, UTC epoch ms
     */
    public DeploymentOps(String deploymentId, String stage, TradingMetrics metrics, AlertMonitor monitor, Consumer<AlertEvent> alerts,
                         LongSupplier clock) {
        this.deploymentId = Objects.requireNonNull(deploymentId);
        this.stage = Objects.requireNonNull(stage);
        this.metrics = metrics;
        this.monitor = monitor;
        this.alerts = alerts == null ? e -> { } : alerts;
        this.clock = clock;
    }

    /** Operations with nothing attached (every call does nothing). */
    public static DeploymentOps none(String deploymentId, String stage) {
        return new DeploymentOps(deploymentId, stage, null, null, null, () -> 0L);
    }

    public String deploymentId() {
        return deploymentId;
    }

    /** An order was handed to the venue. */
    @Override
    public void orderSent() {
        if (metrics != null) {
            metrics.orderSent();
        }
    }

    /** The venue accepted an order (resting or filled). */
    @Override
    public void orderAccepted() {
        if (metrics != null) {
            metrics.orderAccepted();
        }
        if (monitor != null) {
            monitor.orderOutcome(clock.getAsLong(), false);
        }
    }

    /**
     * An order was refused, with the engine's reject code. {@link #RISK_CODE} (the risk manager)
     * is counted but is not an order failure for the failure-rate alert; every other code is.
     */
    @Override
    public void orderRejected(String code) {
        if (metrics != null) {
            metrics.orderRejected(code);
        }
        if (monitor != null && !RISK_CODE.equalsIgnoreCase(code)) {
            monitor.orderOutcome(clock.getAsLong(), true);
        }
    }

    @Override
    public void fill(double notionalUsd, boolean maker) {
        if (metrics != null) {
            metrics.fill(notionalUsd, maker);
        }
    }

    /** One REST round trip to {@code endpoint} ("info" or "exchange"). */
    public void apiLatency(String endpoint, long nanos) {
        if (metrics != null) {
            metrics.apiLatency(endpoint, nanos);
        }
        if (monitor != null) {
            monitor.apiLatency(clock.getAsLong(), endpoint, TimeUnit.NANOSECONDS.toMillis(nanos));
        }
    }

    public void socketConnected(String socket) {
        if (metrics != null) {
            metrics.socketConnected(socket);
        }
        if (monitor != null) {
            monitor.socketUp(clock.getAsLong(), socket);
        }
    }

    /** The socket dropped or went stale (the runner is on REST for it). */
    public void socketDisconnected(String socket) {
        if (metrics != null) {
            metrics.socketDisconnected(socket);
        }
        if (monitor != null) {
            monitor.socketDown(clock.getAsLong(), socket);
        }
    }

    /** Equity and gross position notional, after each poll or bar. */
    @Override
    public void account(double equityUsd, double grossExposureUsd) {
        if (metrics != null) {
            metrics.equity(equityUsd);
            metrics.exposure(grossExposureUsd);
        }
    }

    /** A risk event: counted by rule and action; halts and position stops are alerted. */
    @Override
    public void riskEvent(RiskEvent e) {
        if (metrics != null) {
            metrics.riskEvent(e);
        }
        AlertEvent.ofRisk(deploymentId, stage, e).ifPresent(alerts);
    }

    /** Once per runner loop: socket outage clocks, and the daily summary when a UTC day ended. */
    @Override
    public void tick() {
        long now = clock.getAsLong();
        if (monitor != null) {
            monitor.tick(now);
        }
        if (daily != null) {
            daily.accept(now);
        }
    }

    private java.util.function.LongConsumer daily;

    /**
     * What {@link #tick} also does with the runner's time: the launcher passes the daily
     * summary's trigger (it reads the deployment's books on the runner's own store).
     */
    public DeploymentOps onTick(java.util.function.LongConsumer daily) {
        this.daily = daily;
        return this;
    }

    @Override
    public void socket(String socket, boolean up) {
        if (up) {
            socketConnected(socket);
        } else {
            socketDisconnected(socket);
        }
    }

    @Override
    public void stopped(boolean flatten, String report) {
        emergencyStop(flatten, "stop", report);
    }

    public void crashed(Throwable t) {
        alerts.accept(new AlertEvent.RunnerCrash(deploymentId, stage, clock.getAsLong(), String.valueOf(t)));
    }

    @Override
    public void reconciliationDifference(String coin, String detail) {
        alerts.accept(new AlertEvent.ReconciliationDifference(deploymentId, stage, clock.getAsLong(), coin, detail));
    }

    @Override
    public void leaseTakenOver(String previousHolder, String newHolder, long silentMs) {
        alerts.accept(new AlertEvent.LeaseTakeover(deploymentId, stage, clock.getAsLong(), previousHolder, newHolder, silentMs));
    }

    /** A stop of this deployment reached the runner. */
    public void emergencyStop(boolean flatten, String requestedBy, String report) {
        alerts.accept(new AlertEvent.EmergencyStop(deploymentId, stage, clock.getAsLong(), flatten, requestedBy, report));
    }

    private Runnable onClose = () -> { };

    /** What {@link #close} also does (the launcher hands the deployment's alert journal back). */
    public DeploymentOps onClose(Runnable r) {
        this.onClose = java.util.Objects.requireNonNull(r);
        return this;
    }

    /** Removes this deployment's metric series (the dispatcher is the process's and stays open). */
    @Override
    public void close() {
        try {
            if (metrics != null) {
                metrics.close();
            }
        } finally {
            onClose.run();
        }
    }
}
