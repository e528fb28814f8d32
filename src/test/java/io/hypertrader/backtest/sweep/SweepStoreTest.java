package io.hypertrader.backtest.sweep;

import io.hypertrader.store.SweepStore;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SweepStoreTest {

    static TrialMetrics metrics(double sharpe, double pf) {
        return new TrialMetrics(10_000, 11_000, 0.1, 0.2, 0.3, sharpe, sharpe / 93.6, 1.5, 0.8, 0.12, 0.9, -0.2, 5.1,
                1500, 40, 0.55, pf, 12, 0.6, 0.65, 0.764, 12.5, -3.25, 4.0, 0.8, 0.05, 300, 2, 0, "abc");
    }

    @Test
    void roundTripsASweepWithNullsForUndefinedFigures() throws Exception {
        try (Database db = Database.inMemory()) {
            SweepStore store = new SweepStore(db);
            LinkedHashMap<String, String> manifest = new LinkedHashMap<>();
            manifest.put("config", "strategy:\n  levels: {hedge: 0.236}\n");
            manifest.put("throughput", "120 backtests/s");
            SweepStore.SweepRow s = new SweepStore.SweepRow("20261122-010203-abcdef", "sweep", 1_800_000_000_000L,
                    "config/fib-hedge.yaml", "sha256:00", List.of("strategy.levels.hedge=0.2,0.3"), 2, 7, 4, 2, 4, 1.5e-5,
                    1000, 2000, 1500, "0.1.0", 1234, manifest);
            LinkedHashMap<String, String> p = new LinkedHashMap<>();
            p.put("strategy.levels.hedge", "0.2");
            p.put("strategy.sizing.leverage", "3");
            List<SweepStore.ResultRow> rows = List.of(
                    new SweepStore.ResultRow(0, 0, p, 7, null, -1, "grid", Long.MIN_VALUE, Long.MAX_VALUE, metrics(1.2, Double.NaN), 0.4),
                    new SweepStore.ResultRow(1, 0, p, 8, "worst-case", 3, "test", 5000, 9000, metrics(-0.5, 1.3), Double.NaN));
            store.save(s, rows);

            assertThat(store.sweep("20261122-010203-abcdef")).hasValueSatisfying(r -> {
                assertThat(r.params()).containsExactly("strategy.levels.hedge=0.2,0.3");
                assertThat(r.manifest()).containsExactlyEntriesOf(manifest);
                assertThat(r.sharpeVariance()).isEqualTo(1.5e-5);
                assertThat(r.configurations()).isEqualTo(2);
            });
            assertThat(store.sweep("nope")).isEmpty();
            List<SweepStore.ResultRow> back = store.results("20261122-010203-abcdef");
            assertThat(back).hasSize(2);
            assertThat(back.get(0).params()).containsExactlyEntriesOf(p);
            assertThat(back.get(0).metrics()).isEqualTo(rows.get(0).metrics());
            assertThat(back.get(1).metrics()).isEqualTo(rows.get(1).metrics());
            assertThat(back.get(0).fromMs()).isEqualTo(Long.MIN_VALUE);
            assertThat(back.get(0).windowIndex()).isEqualTo(-1);
            assertThat(back.get(1).pathMode()).isEqualTo("worst-case");
            assertThat(back.get(1).deflatedSharpe()).isNaN();
            assertThat(back.get(1).fromMs()).isEqualTo(5000);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE profit_factor IS NULL),"
                         + " max(params->>'$.\"strategy.sizing.leverage\"') FROM sweep_results")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("3");
            }
        }
    }
}
