package io.hypertrader.backtest.sweep.spark;

import io.hypertrader.analytics.CostTotals;
import io.hypertrader.analytics.CycleOutcome;
import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.backtest.sweep.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A curve through its Parquet cell and back: every value as it was, NaN and signed zero too. */
class CurveCodecTest {
    @Test
    void aCurveComesBackExactly() {
        TrialResult.Curve c = new TrialResult.Curve(new long[]{1000, 2000, 3000}, new double[]{10_000, 10_000.1 + 1e-9, Double.NaN},
                new double[]{42_000.5, -0.0, Double.MIN_VALUE}, new double[]{0, 1.5, -2.25},
                List.of(new RoundTrip(1000, 3000, -12.345678901234567)),
                List.of(new CycleOutcome(1000, 3000, 0.01, 42_000, 41_000, -1.5, 0.25, true, "stop"),
                        new CycleOutcome(2000, 3000, 0.02, 42_100, 43_000, 2.5, 0.3, false, "")),
                new CostTotals(1.25, -0.5, 0.125, 1234.5));
        TrialResult.Curve d = CurveCodec.decode(CurveCodec.encode(c));
        assertThat(d.time()).containsExactly(c.time());
        for (int i = 0; i < 3; i++) {
            assertThat(Double.doubleToRawLongBits(d.equity()[i])).isEqualTo(Double.doubleToRawLongBits(c.equity()[i]));
            assertThat(Double.doubleToRawLongBits(d.price()[i])).isEqualTo(Double.doubleToRawLongBits(c.price()[i]));
        }
        assertThat(d.netExposure()).containsExactly(c.netExposure());
        assertThat(d.trades()).isEqualTo(c.trades());
        assertThat(d.cycles()).isEqualTo(c.cycles());
        assertThat(d.costs()).isEqualTo(c.costs());
    }

    @Test
    void metricColumnsCarrySweepResultsNames() {
        assertThat(TrialRows.snake("sharpePerBar")).isEqualTo("sharpe_per_bar");
        assertThat(TrialRows.snake("eventLogSha256")).isEqualTo("event_log_sha256");
        assertThat(TrialRows.SCHEMA.fieldNames()).contains("trial", "stage", "request_key", "final_equity",
                "buy_hold_return", "sharpe_log", "curve");
    }
}
