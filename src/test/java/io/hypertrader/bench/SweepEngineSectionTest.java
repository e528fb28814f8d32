package io.hypertrader.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep-engine rows on a real Spark local[2] (the tests have Spark; the launcher does not). */
class SweepEngineSectionTest {
    @Test
    void localPoolAndSparkRatesWithTheStartUpApartAndTheSameResults() {
        List<BenchRow> rows = new SweepEngineSection().run(BenchOptions.quickRun());
        rows.forEach(r -> System.out.println(r.name() + " = " + r.median() + " " + r.unit() + "  " + r.detail()));
        assertThat(rows).extracting(BenchRow::name).containsExactly("sweep engine: local pool, 2 threads",
                SweepEngineSection.SPARK_START, SweepEngineSection.SPARK, SweepEngineSection.SAME);
        assertThat(rows).allSatisfy(r -> assertThat(r.skipped()).as(r.detail()).isFalse());
        assertThat(rows.get(0).median()).isPositive();
        assertThat(rows.get(1).median()).isPositive();
        assertThat(rows.get(2).median()).isPositive();
        assertThat(rows.get(2).detail()).contains("local[2]", "the local pool's rate");
        assertThat(rows.get(3).median()).isEqualTo(1);
        assertThat(rows.get(3).mustHold()).isTrue();
    }
}
