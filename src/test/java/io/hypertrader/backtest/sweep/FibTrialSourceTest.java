package io.hypertrader.backtest.sweep;

import io.hypertrader.backtest.analysis.RealCandles;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Instrument;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.model.FundingHistory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trial factory that travels to Spark executors: serialised as a broadcast is, opened on the
 * other side, it builds trials whose results equal, bit for bit, those of the factory the CLI
 * builds from the same config and candles.
 */
class FibTrialSourceTest {
    /** {@link TestBinder}, serialisable. */
    record PortableTestBinder() implements FibTrialSource.PortableBinder {
        @Override
        public FibSetup bind(SequencedMap<String, String> overrides) {
            return new TestBinder().bind(overrides);
        }
    }

    @Test
    void aSerialisedSourceBuildsTrialsWithTheSameResultsAsTheLocalFactory() throws Exception {
        CandleSeries candles = RealCandles.btcHourly(1500);
        long t0 = candles.openTime(0);
        FundingHistory funding = new FundingHistory(new long[]{t0 + 3_600_000L * 8, t0 + 3_600_000L * 16},
                new double[]{0.0001, -0.00005});
        Map<io.hypertrader.core.Coin, FundingHistory> fundingMap = Map.of(TestBinder.BTC, funding);
        List<Instrument> grids = List.of(Instrument.known(TestBinder.BTC));
        PortableTestBinder binder = new PortableTestBinder();
        FibTrialFactory local = new FibTrialFactory(binder, List.of(candles), fundingMap, grids);
        FibTrialSource source = FibTrialSource.of(binder, List.of(candles), fundingMap, grids, Map.of());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(source);
        }
        FibTrialSource copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FibTrialSource) in.readObject();
        }
        assertThat(copy.fingerprint()).isEqualTo(source.fingerprint());
        TrialFactory remote = copy.open();

        SequencedMap<String, String> p = new LinkedHashMap<>();
        p.put("strategy.levels.hedge", "0.22");
        List<TrialSpec> specs = List.of(TrialSpec.of(p, 7), TrialSpec.of(p, 8).withPath(PathMode.WORST_CASE),
                TrialSpec.of(new LinkedHashMap<>(), 9).withWindow(candles.openTime(400), candles.openTime(900)));
        for (int i = 0; i < specs.size(); i++) {
            TrialResult a = TrialRunner.runOne(local, i, specs.get(i), true);
            TrialResult b = TrialRunner.runOne(remote, i, specs.get(i), true);
            assertThat(b.metrics()).as("trial %d", i).isEqualTo(a.metrics());
            assertThat(b.curve().equity()).containsExactly(a.curve().equity());
            assertThat(b.curve().time()).containsExactly(a.curve().time());
            assertThat(b.curve().costs()).isEqualTo(a.curve().costs());
        }
        // the funding is part of what travels: other funding, other fingerprint
        assertThat(FibTrialSource.of(binder, List.of(candles), Map.of(), grids, Map.of()).fingerprint())
                .isNotEqualTo(source.fingerprint());
        // other data, other fingerprint (a resumed study must not pick up another one's trials)
        assertThat(FibTrialSource.of(binder, List.of(candles.slice(0, 1400)), fundingMap, grids, Map.of()).fingerprint())
                .isNotEqualTo(source.fingerprint());
    }
}
