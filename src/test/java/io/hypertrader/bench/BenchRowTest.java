package io.hypertrader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchRowTest {
    @Test
    void targetsInBothDirections() {
        assertThat(BenchRow.lowerIsBetter("t", 5, 10, "us").meetsTarget()).isTrue();
        assertThat(BenchRow.lowerIsBetter("t", 11, 10, "us").meetsTarget()).isFalse();
        assertThat(BenchRow.higherIsBetter("t", 11, 10, "x").meetsTarget()).isTrue();
        assertThat(BenchRow.higherIsBetter("t", 9, 10, "x").meetsTarget()).isFalse();
        assertThat(BenchRow.lowerIsBetter("t", 9, Double.NaN, "us").meetsTarget()).isTrue();
    }

    @Test
    void skippedRowsMeetTheirTargetAndSayWhy() {
        BenchRow r = BenchRow.skipped("cold", 3, "s", "no launcher");
        assertThat(r.skipped()).isTrue();
        assertThat(r.meetsTarget()).isTrue();
        assertThat(r.detail()).isEqualTo("skipped: no launcher");
    }

    @Test
    void checksKeepTheirDetail() {
        BenchRow r = BenchRow.higherIsBetter("agree", 4, 5, "impls").withDetail("why").asCheck();
        assertThat(r.mustHold()).isTrue();
        assertThat(r.detail()).isEqualTo("why");
        assertThat(r.meetsTarget()).isFalse();
    }
}
