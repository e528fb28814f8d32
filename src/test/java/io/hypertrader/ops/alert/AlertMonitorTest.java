package io.hypertrader.ops.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMonitorTest {

    private static final long T0 = 1_767_225_600_000L;

    private final List<AlertEvent> alerts = new ArrayList<>();
    private final AlertMonitor m = new AlertMonitor("testnet-aa-1", "testnet", Thresholds.DEFAULT, alerts::add);

    @Test
    void failureRateAlertsOnceWhenItCrossesFivePercentOfAtLeastTwentyOrders() {
        long t = T0;
        // 19 orders with 2 failures: too few orders to judge.
        for (int i = 0; i < 19; i++) {
            m.orderOutcome(t += 1_000, i < 2);
        }
        assertThat(alerts).isEmpty();
        m.orderOutcome(t += 1_000, false); // 20 orders, 2 failed = 10% > 5%
        assertThat(alerts).hasSize(1);
        var a = (AlertEvent.OrderFailureRate) alerts.get(0);
        assertThat(a.failed()).isEqualTo(2);
        assertThat(a.total()).isEqualTo(20);
        assertThat(a.title()).isEqualTo("10.0% of orders failing on testnet-aa-1 (testnet)");
        m.orderOutcome(t += 1_000, true);
        assertThat(alerts).as("still over: no second alert").hasSize(1);
    }

    @Test
    void exactlyAtTheThresholdIsNotOverAndTheAlarmRearmsAfterClearing() {
        long t = T0;
        m.orderOutcome(t += 1_000, true);
        for (int i = 0; i < 19; i++) {
            m.orderOutcome(t += 1_000, false);
        }
        assertThat(alerts).as("1 of 20 = 5%, not more").isEmpty();
        m.orderOutcome(t += 1_000, true); // 2 of 21
        assertThat(alerts).hasSize(1);
        // The failures leave the 15-minute window: the rate clears, then a new burst alerts again.
        t += Duration.ofMinutes(16).toMillis();
        for (int i = 0; i < 20; i++) {
            m.orderOutcome(t += 1_000, false);
        }
        assertThat(alerts).hasSize(1);
        m.orderOutcome(t += 1_000, true);
        m.orderOutcome(t += 1_000, true);
        assertThat(alerts).hasSize(2);
    }

    @Test
    void latencyP95AboveFiveHundredMillisecondsAlertsPerEndpoint() {
        long t = T0;
        // 20 exchange calls: 18 at 120 ms and 2 at 900 ms -> p95 (rank 19) = 900 ms.
        for (int i = 0; i < 20; i++) {
            m.apiLatency(t += 500, "info", 80);
            m.apiLatency(t, "exchange", i < 18 ? 120 : 900);
        }
        assertThat(alerts).hasSize(1);
        var a = (AlertEvent.ApiLatency) alerts.get(0);
        assertThat(a.endpoint()).isEqualTo("exchange");
        assertThat(a.latencyMs()).isEqualTo(900);
        assertThat(a.samples()).isEqualTo(20);
        assertThat(a.title()).isEqualTo("API latency p95 of /exchange at 900 ms on testnet-aa-1 (testnet)");
    }

    @Test
    void oneSlowCallInTwentyIsBelowP95() {
        long t = T0;
        for (int i = 0; i < 40; i++) {
            m.apiLatency(t += 500, "exchange", i == 10 ? 3_000 : 150);
        }
        assertThat(alerts).isEmpty();
        assertThat(AlertMonitor.percentile(new java.util.ArrayDeque<>(List.of(new long[]{0, 5}, new long[]{0, 1}, new long[]{0, 3})), 50))
                .isEqualTo(3);
    }

    @Test
    void aSocketDownLongerThanTheThresholdAlertsOnceUntilItComesBack() {
        m.socketDown(T0, "market data");
        m.tick(T0 + 59_999);
        assertThat(alerts).isEmpty();
        m.socketDown(T0 + 30_000, "market data"); // still the same outage
        m.tick(T0 + 60_000);
        assertThat(alerts).hasSize(1);
        var a = (AlertEvent.SocketDown) alerts.get(0);
        assertThat(a.downMs()).isEqualTo(60_000);
        assertThat(a.socket()).isEqualTo("market data");
        m.tick(T0 + 300_000);
        assertThat(alerts).hasSize(1);

        m.socketUp(T0 + 310_000, "market data");
        m.socketDown(T0 + 320_000, "market data");
        m.tick(T0 + 330_000);
        assertThat(alerts).as("a short outage is quiet").hasSize(1);
        m.tick(T0 + 380_000);
        assertThat(alerts).hasSize(2);
    }

    @Test
    void riskEventsBecomeHaltAndStopAlertsButRefusalsDoNot() {
        var halted = new io.hypertrader.risk.RiskEvent(T0, io.hypertrader.risk.RiskRule.DAILY_LOSS, "*",
                io.hypertrader.risk.RiskEvent.Action.HALTED, "day loss");
        var closed = new io.hypertrader.risk.RiskEvent(T0, io.hypertrader.risk.RiskRule.POSITION_STOP, "BTC",
                io.hypertrader.risk.RiskEvent.Action.CLOSE, "stop");
        var refused = new io.hypertrader.risk.RiskEvent(T0, io.hypertrader.risk.RiskRule.LEVERAGE, "BTC",
                io.hypertrader.risk.RiskEvent.Action.REFUSED, "lev");
        assertThat(AlertEvent.ofRisk("d", "paper", halted)).get().isInstanceOf(AlertEvent.RiskHalt.class);
        assertThat(AlertEvent.ofRisk("d", "paper", closed)).get().isInstanceOf(AlertEvent.RiskStop.class)
                .extracting(AlertEvent::severity).isEqualTo(Severity.WARNING);
        assertThat(AlertEvent.ofRisk("d", "paper", refused)).isEmpty();
    }

    @Test
    void theSamplesCoverEveryKindOnce() {
        assertThat(AlertEvent.samples(T0)).extracting(AlertEvent::kind).containsExactlyElementsOf(AlertEvent.KINDS);
    }
}
