package io.hypertrader.backtest.sweep;

import io.hypertrader.store.SearchTrialStore;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTrialStoreTest {

    static TrialMetrics metrics(double x) {
        return new TrialMetrics(10_000, 10_000 * (1 + x), x, Double.NaN, 0.1 + x, 1.25, 0.01, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 0.2, 0.6, -0.3, 4.5, 1000, 7, 0.5, Double.POSITIVE_INFINITY, 3, Double.NaN,
                0.1 / 3, Double.MIN_VALUE, 12.5, -3.25, 1.0e-17, 0.4, 0.3, 20, 1, 0, "ab12", -0.0);
    }

    @Test
    void storedFiguresReadBackBitForBitUnderTheirKeyOnly() {
        try (Database db = Database.inMemory()) {
            SearchTrialStore a = new SearchTrialStore(db, "key-a", 1000);
            a.put(List.of(new SearchCache.Entry(5, 11, metrics(0.1)), new SearchCache.Entry(5, 12, metrics(0.2)),
                    new SearchCache.Entry(9, 11, metrics(0.3))));
            SearchTrialStore reread = new SearchTrialStore(db, "key-a", 2000);
            assertThat(reread.size()).isEqualTo(3);
            assertThat(reread.get(5, 12)).isEqualTo(metrics(0.2));
            assertThat(Double.doubleToRawLongBits(reread.get(9, 11).sharpeLog())).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(reread.get(9, 11).sortino()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(reread.get(9, 12)).isNull();
            assertThat(new SearchTrialStore(db, "key-b", 3000).size()).isZero();
        }
    }
}
