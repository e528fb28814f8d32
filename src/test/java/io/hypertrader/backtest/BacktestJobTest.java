package io.hypertrader.backtest;

import io.hypertrader.store.BacktestJob;
import io.hypertrader.store.RunStore;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.data.CandleFiles;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestJobTest {

    @Test
    void repeatingARunWithTheSameClockAndPrefixNumbersTheRepeatsAndStoresBoth() {
        try (Database db = Database.inMemory()) {
            Coin btc = Coin.of("BTC");
            CandleFiles.Parsed parsed = CandleFiles.read(Path.of("datasets/synthetic-btc-1h.csv"), btc, Interval.H1, Long.MAX_VALUE);
            new CandleStore(db, InstantSource.system()).upsert(btc, Interval.H1, parsed.candles(), "synthetic");
            StrategyConfig cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"), Map.of());
            var sim = ConfigLoader.simProfile("ideal", Map.of());
            long t = 1_700_000_000_000L;
            BacktestJob.Outcome a = BacktestJob.runAndStore(db, Network.MAINNET, cfg, sim, 1, Long.MIN_VALUE, Long.MAX_VALUE, "test", t, "bt-x");
            BacktestJob.Outcome b = BacktestJob.runAndStore(db, Network.MAINNET, cfg, sim, 1, Long.MIN_VALUE, Long.MAX_VALUE, "test", t, "bt-x");
            BacktestJob.Outcome c = BacktestJob.runAndStore(db, Network.MAINNET, cfg, sim, 1, Long.MIN_VALUE, Long.MAX_VALUE, "test", t, "bt-x");
            assertThat(a.result().eventLogSha256()).isEqualTo(b.result().eventLogSha256());
            assertThat(b.manifest().runId()).isEqualTo(a.manifest().runId() + "-2");
            assertThat(c.manifest().runId()).isEqualTo(a.manifest().runId() + "-3");
            assertThat(new RunStore(db).runIds()).contains(a.manifest().runId(), b.manifest().runId(), c.manifest().runId());
        }
    }
}
