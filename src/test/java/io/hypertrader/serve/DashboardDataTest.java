package io.hypertrader.serve;

import io.hypertrader.live.store.LiveStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's figures from journal lines: whose equity a snapshot says, and the chart drawn from it. */
class DashboardDataTest {

    static LiveStore.Entry snapshot(double accountEquity, String detail) {
        return LiveStore.Entry.of(0, null, "snapshot", null, null, null, null, null, accountEquity, detail);
    }

    @Test
    void aLiveSnapshotsOwnDeploymentEquityWinsOverTheAccounts() {
        assertThat(DashboardData.equity(snapshot(50_000, "equity=50000 savings=0 BTC=0.01 deployment-equity=1012.5 exposure=300")))
                .isEqualTo(1012.5);
        assertThat(DashboardData.equity(snapshot(50_000, "equity=50000 savings=0 BTC=0.01"))).isEqualTo(50_000);
        assertThat(DashboardData.equity(snapshot(9_990, "equity=9990 cash=9000 pnl=-10 BTC=0.01"))).isEqualTo(9_990);
        assertThat(DashboardData.equity(snapshot(50_000, "deployment-equity=garbled"))).isEqualTo(50_000);
    }

    @Test
    void theChartSpansTheBoxFromLowToHigh() {
        Views.EquityChart c = DashboardData.chart(List.of(snapshot(0, "deployment-equity=100"), snapshot(0, "deployment-equity=150"),
                snapshot(0, "deployment-equity=120")));
        assertThat(c.snapshots()).isEqualTo(3);
        String[] pts = c.points().split(" ");
        assertThat(pts).containsExactly("0.0," + (Views.EquityChart.HEIGHT - 4) + ".0", "360.0,4.0", "720.0,"
                + String.format(java.util.Locale.ROOT, "%.1f", Views.EquityChart.HEIGHT - 4 - 0.4 * (Views.EquityChart.HEIGHT - 8)));
        assertThat(c.min()).isEqualTo("100.00 USDC");
        assertThat(c.max()).isEqualTo("150.00 USDC");
        assertThat(c.last()).isEqualTo("120.00 USDC");
        assertThat(DashboardData.chart(List.of(snapshot(10, null))).points()).as("one snapshot: no line").isEmpty();
    }
}
