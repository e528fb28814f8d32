package io.hypertrader.ops;

import io.hypertrader.ops.alert.AlertEvent;
import io.hypertrader.ops.alert.AlertMonitor;
import io.hypertrader.ops.alert.Thresholds;
import io.hypertrader.ops.metrics.TradingMetrics;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskRule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentOpsTest {

    private static final long T0 = 1_767_225_600_000L;

    private final AtomicLong clock = new AtomicLong(T0);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AlertEvent> alerts = new ArrayList<>();
    private final DeploymentOps ops = new DeploymentOps("testnet-aa-1", "testnet",
            new TradingMetrics(registry, "testnet-aa-1", "testnet", clock::get),
            new AlertMonitor("testnet-aa-1", "testnet", Thresholds.DEFAULT, alerts::add), alerts::add, clock::get);

    @Test
    void riskRefusalsAreCountedButAreNotOrderFailures() {
        for (int i = 0; i < 30; i++) {
            clock.addAndGet(1_000);
            ops.orderSent();
            ops.orderRejected("RISK");
        }
        assertThat(alerts).isEmpty();
        assertThat(registry.scrape()).contains("reason=\"RISK\",stage=\"testnet\"} 30.0");
        for (int i = 0; i < 18; i++) {
            clock.addAndGet(1_000);
            ops.orderAccepted();
        }
        ops.orderRejected("EXCHANGE");
        ops.orderRejected("EXCHANGE");
        assertThat(alerts).singleElement().isInstanceOfSatisfying(AlertEvent.OrderFailureRate.class, a -> {
            assertThat(a.failed()).isEqualTo(2);
            assertThat(a.total()).isEqualTo(20);
        });
    }

    @Test
    void oneCallFeedsMetricsMonitorAndAlerts() {
        ops.socketConnected("market");
        clock.addAndGet(10_000);
        ops.socketDisconnected("market");
        clock.addAndGet(61_000);
        ops.tick();
        assertThat(alerts).singleElement().isInstanceOf(AlertEvent.SocketDown.class);
        assertThat(registry.scrape()).contains("hypertrader_websocket_connected_seconds_total{deployment=\"testnet-aa-1\",socket=\"market\","
                + "stage=\"testnet\"} 10.0");

        ops.riskEvent(new RiskEvent(clock.get(), RiskRule.DAILY_LOSS, "*", RiskEvent.Action.HALTED, "day loss"));
        ops.crashed(new IllegalStateException("boom"));
        ops.reconciliationDifference("BTC", "exchange 0.5 long, journal 0.4 long");
        ops.leaseTakenOver("a", "b", 90_000);
        ops.emergencyStop(true, "dashboard", "");
        assertThat(alerts).extracting(AlertEvent::kind)
                .containsExactly("socket_down", "risk_halt", "runner_crash", "reconciliation", "lease_takeover", "emergency_stop");
        assertThat(alerts).allSatisfy(a -> assertThat(a.deploymentId()).isEqualTo("testnet-aa-1"));
        assertThat(registry.scrape()).contains("hypertrader_risk_events_total{action=\"HALTED\",deployment=\"testnet-aa-1\","
                + "rule=\"DAILY_LOSS\",stage=\"testnet\"} 1.0");

        ops.close();
        assertThat(registry.scrape()).doesNotContain("testnet-aa-1");
    }

    @Test
    void withNothingAttachedEveryCallIsANoOp() {
        DeploymentOps none = DeploymentOps.none("paper-1", "paper");
        none.orderSent();
        none.orderRejected("EXCHANGE");
        none.apiLatency("info", 1_000_000_000L);
        none.socketDisconnected("user");
        none.tick();
        none.riskEvent(new RiskEvent(0, RiskRule.DAILY_LOSS, "*", RiskEvent.Action.HALTED, "x"));
        none.crashed(new RuntimeException());
        none.close();
        assertThat(none.deploymentId()).isEqualTo("paper-1");
    }
}
