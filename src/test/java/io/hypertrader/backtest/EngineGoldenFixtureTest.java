package io.hypertrader.backtest;

import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden runs without ../shared: the cases on the shipped synthetic series and on the last
 * 5000 Coinbase BTC 1h candles, read from the project's fixture (the same rows, byte for byte), must
 * reproduce the very pins of {@link EngineGoldenTest}. Only the 12 two-coin 4h portfolio cases
 * need the shared sets. Nothing is pinned here: a fixture that drifted from its source, or an
 * engine change, fails against the same pins file.
 */
class EngineGoldenFixtureTest {
    /** 56 synthetic + 56 default + 48 variant cases; the 12 portfolio cases are the shared test's alone. */
    static final int FIXTURE_CASES = 160;

    static List<EngineGoldenTest.Case> fixtureCases() {
        return EngineGoldenTest.cases(Fixtures.btcHourlyLast(5000), null);
    }

    @Test
    void fixtureCasesReproduceTheSharedPins() throws IOException {
        Map<String, String> pinned = EngineGoldenTest.pins();
        Map<String, String> actual = new LinkedHashMap<>();
        for (EngineGoldenTest.Case c : fixtureCases()) {
            actual.put(c.id(), EngineGoldenTest.run(c));
        }
        assertThat(actual).hasSize(FIXTURE_CASES);
        assertThat(pinned.keySet()).containsAll(actual.keySet());
        assertThat(pinned.keySet().stream().filter(id -> !actual.containsKey(id)))
                .as("pinned cases the fixtures do not cover").allMatch(id -> id.startsWith("coinbase4h-btc-eth/"));
        List<String> diffs = EngineGoldenTest.changed(actual, pinned);
        assertThat(diffs).as("golden runs that changed (%d of %d)", diffs.size(), actual.size()).isEmpty();
        // the covered cases still reach the rare paths: some run liquidates
        assertThat(actual.values()).anyMatch(l -> !l.endsWith("\t0"));
    }
}
