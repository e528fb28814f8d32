package io.hypertrader.bench.refrule;

import static io.hypertrader.bench.refrule.RuleFixtures.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypertrader.bench.harness.Timer;
import io.hypertrader.core.CandleSeries;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** The table and its agreement check (timing figures are not asserted: they belong to the benchmark). */
class ReferenceRuleBenchTest {

    private static final Timer.Settings TINY = new Timer.Settings(0, 1, 0);

    private static final CandleSeries SERIES = RuleFixtures.series(50, 100,
            bar(100, 100, 100), bar(103, 101, 102.5), bar(102.6, 102, 102.2), bar(101, 99, 99.5),
            bar(101, 99.2, 100.6), bar(104, 100.5, 103.9), bar(103.95, 102.8, 103));

    private static String print(ReferenceRuleBench.Report r) {
        StringWriter w = new StringWriter();
        ReferenceRuleBench.print(r, "fixture.csv", new PrintWriter(w, true));
        return w.toString();
    }

    @Test
    void everyImplementationGetsARowAndTheyAgree() {
        ReferenceRuleBench.Report r = ReferenceRuleBench.run(SERIES, ReferenceRuleBench.implementations(SERIES), TINY);
        assertThat(r.rows()).extracting(ReferenceRuleBench.Row::name).containsExactly(ReferenceRuleBench.PLAIN_LOOP,
                ReferenceRuleBench.ENGINE, ReferenceRuleBench.TA4J_DOUBLE, ReferenceRuleBench.TA4J_DECIMAL_PREBUILT,
                ReferenceRuleBench.TA4J_DECIMAL_DEFAULT);
        assertThat(r.allAgree()).isTrue();
        assertThat(r.row(ReferenceRuleBench.ENGINE).sizeGrid()).isEqualTo(EngineReferenceRule.SZ_DECIMALS);
        String out = print(r);
        assertThat(out).contains("last " + SERIES.size() + " candles of fixture.csv")
                .contains("agreement: all 5 implementations make the same 4 fills (2 round trips)")
                .contains("size step of 1e-8 coin")
                .contains("targets: engine / plain loop").doesNotContain("DISAGREES");
    }

    @Test
    void aWrongImplementationIsMarkedAndFailsTheAgreement() {
        List<ReferenceRuleBench.Implementation> impls = new ArrayList<>(ReferenceRuleBench.implementations(SERIES));
        ReferenceRule.Result good = impls.get(0).run().get();
        impls.add(new ReferenceRuleBench.Implementation("off by a cent", () -> new ReferenceRule.Result(
                good.roundTrips(), good.finalEquity() + 0.01, good.openAtEnd(), good.fillBars())));
        ReferenceRuleBench.Report r = ReferenceRuleBench.run(SERIES, impls, TINY);
        assertThat(r.allAgree()).isFalse();
        assertThat(r.row("off by a cent").agrees()).isFalse();
        assertThat(print(r)).contains("DISAGREES").contains("agreement: FAILED");
    }

    @Test
    void theBaselineMustBeExact() {
        List<ReferenceRuleBench.Implementation> impls = List.of(
                new ReferenceRuleBench.Implementation("gridded", () -> EngineReferenceRule.run(SERIES), 8));
        assertThatThrownBy(() -> ReferenceRuleBench.run(SERIES, impls, TINY)).isInstanceOf(IllegalArgumentException.class);
    }
}
