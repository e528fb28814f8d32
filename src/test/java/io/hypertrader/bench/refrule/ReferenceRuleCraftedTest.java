package io.hypertrader.bench.refrule;

import static io.hypertrader.bench.refrule.RuleFixtures.assertEquity;
import static io.hypertrader.bench.refrule.RuleFixtures.bar;
import static io.hypertrader.bench.refrule.RuleFixtures.runAll;
import static io.hypertrader.bench.refrule.RuleFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hypertrader.core.CandleSeries;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Tiny hand-made series whose fills and equity are worked out by hand below. */
class ReferenceRuleCraftedTest {

    private static final double FEE = 0.00045;

    /**
     * Bars 0-49 flat at 100, then:
     * <pre>
     * bar  high    low    close   what happens
     * 50   100     100    100     buy at 100 (first entry, unconditional)           E=100, H=100
     * 51   103     101    102.5   H=103, run 3 >= 2; exit level 103-0.236*3=102.292: hold
     * 52   102.6   102    102.2   H=103; 102.2 <= 102.292: sell at 102.2           X=102.2, H_prev=103, L=102.2
     * 53   101     99     99.5    L=99; entry level 99+0.382*(103-99)=100.528: wait
     * 54   101     99.2   100.6   L=99; 100.6 >= 100.528: buy at 100.6             E=100.6, H=100.6
     * 55   101.5   100.5  101.4   H=101.5, run 0.9 < 2.012: hold
     * 56   104     101.4  103.9   H=104, run 3.4; exit level 104-0.236*3.4=103.1976: hold
     * 57   103.95  102.8  103     103 <= 103.1976: sell at 103                     X=103, H_prev=104, L=103
     * 58   103     101    101.2   L=101; entry level 101+0.382*3=102.146: wait
     * 59   102.5   101.1  102.2   102.2 >= 102.146: buy at 102.2, still open at the end
     * </pre>
     * Cash: 10000 -> 10000 * 102.2/100 * r -> * 103/100.6 * r with r = (1-fee)/(1+fee); the last
     * buy spends it all and the mark at 102.2 gives cash / (1+fee). Worked out with bc to 20
     * digits: 10210.806137238..., 10444.999166588..., 10440.301031124528.
     */
    @Test
    void twoRoundTripsAndAnOpenPositionAsWorkedOutByHand() {
        CandleSeries s = series(50, 100,
                bar(100, 100, 100),
                bar(103, 101, 102.5),
                bar(102.6, 102, 102.2),
                bar(101, 99, 99.5),
                bar(101, 99.2, 100.6),
                bar(101.5, 100.5, 101.4),
                bar(104, 101.4, 103.9),
                bar(103.95, 102.8, 103),
                bar(103, 101, 101.2),
                bar(102.5, 101.1, 102.2));
        double r = (1 - FEE) / (1 + FEE);
        double expected = 10_000 * 1.022 * r * (103 / 100.6) * r / (1 + FEE);
        assertThat(expected).isCloseTo(10440.301031124528, within(1e-9));

        Map<String, ReferenceRule.Result> results = runAll(s);
        assertThat(results).hasSize(5);
        results.forEach((name, res) -> {
            assertThat(res.fillBars()).as(name).containsExactly(50, 52, 54, 57, 59);
            assertThat(res.roundTrips()).as(name).isEqualTo(2);
            assertThat(res.openAtEnd()).as(name).isTrue();
            assertEquity(name, res, 10440.301031124528, s);
        });
    }

    /** A run of exactly 2% of E qualifies; 1.99% does not, however far the close falls. */
    @Test
    void minimumRunIsInclusiveAndRequired() {
        CandleSeries s = series(50, 100,
                bar(100, 100, 100),
                bar(101.99, 100.5, 101),   // run 1.99: no exit although 101 is far below H
                bar(102, 100.8, 101));     // run 2.00 = 2% of 100; exit level 101.528; sell at 101
        double expected = 10_000 * 1.01 * (1 - FEE) / (1 + FEE);
        runAll(s).forEach((name, res) -> {
            assertThat(res.fillBars()).as(name).containsExactly(50, 52);
            assertThat(res.roundTrips()).as(name).isEqualTo(1);
            assertThat(res.openAtEnd()).as(name).isFalse();
            assertEquity(name, res, expected, s);
        });
    }

    /** The lows after an exit lower L; the exit bar's own low does not (L starts at the exit close). */
    @Test
    void troughStartsAtTheExitCloseAndFollowsLaterLows() {
        CandleSeries s = series(50, 100,
                bar(100, 100, 100),
                bar(110, 100, 110),        // H=110, run 10, exit level 107.64
                bar(110, 90, 107),         // sell at 107; its low 90 must not count: L=107
                bar(108, 107, 108),        // level 107+0.382*(110-107)=108.146: 108 waits
                bar(108.2, 107.5, 108.2),  // 108.2 >= 108.146: buy (had L been 90, level 97.64 -> bar 53 would buy)
                bar(108.5, 108, 108.4));   // hold; marked at 108.4
        double cash = 10_000 * 1.07 * (1 - FEE) / (1 + FEE);
        double expected = cash / (108.2 * (1 + FEE)) * 108.4;
        runAll(s).forEach((name, res) -> {
            assertThat(res.fillBars()).as(name).containsExactly(50, 52, 54);
            assertEquity(name, res, expected, s);
        });
    }

    /** H starts at E: the entry bar's own high does not count. */
    @Test
    void peakIgnoresTheEntryBarsOwnHigh() {
        CandleSeries s = series(50, 100,
                bar(110, 100, 100),        // buy at 100; a high of 110 on this bar must not set H
                bar(101, 100, 100.5),      // H=101, run 1 < 2: hold (with H=110 it would sell here)
                bar(100.6, 100.2, 100.4)); // H=101: hold; marked at 100.4
        double expected = 10_000 / (1 + FEE) * 1.004;
        runAll(s).forEach((name, res) -> {
            assertThat(res.fillBars()).as(name).containsExactly(50);
            assertThat(res.openAtEnd()).as(name).isTrue();
            assertEquity(name, res, expected, s);
        });
    }

    /** Fewer than 51 bars: the first entry bar never comes; the equity stays 10,000. */
    @Test
    void noTradeBeforeBar50() {
        CandleSeries s = series(50, 100);
        runAll(s).forEach((name, res) -> {
            assertThat(res.fillBars()).as(name).isEmpty();
            assertThat(res.finalEquity()).as(name).isEqualTo(10_000.0);
        });
    }
}
