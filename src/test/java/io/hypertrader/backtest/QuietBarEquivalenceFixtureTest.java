package io.hypertrader.backtest;

import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@link QuietBarEquivalenceTest} without ../shared: the fast and the point-by-point replay agree
 * on the 160 golden cases the fixtures cover and on the benchmark's reference rule (the fixture's
 * 5000 candles are the benchmark's).
 */
class QuietBarEquivalenceFixtureTest {

    @Test
    void fastPathGivesThePointByPointResultOnTheFixtureCases() {
        QuietBarEquivalenceTest.assertSameThroughBothReplays(EngineGoldenFixtureTest.fixtureCases());
    }

    @Test
    void referenceRuleIsTheSameThroughBothReplays() {
        QuietBarEquivalenceTest.assertReferenceRuleSameThroughBothReplays(Fixtures.btcHourlyLast(5000));
    }
}
