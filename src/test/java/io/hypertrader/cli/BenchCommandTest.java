package io.hypertrader.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench command prints its table (figures are not asserted: targets belong to the benchmark). */
class BenchCommandTest {
    @Test
    void printsTheDataSection() {
        CliHarness.Result r = CliHarness.run("bench", "--section", "data", "--warmup", "0", "--reps", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(5);
        assertThat(r.out()).contains("name", "median", "target", "unit",
                "DuckDB write 5000 candles (Appender, warm)", "<=20.0", "DuckDB read 5000 candles");
    }

    @Test
    void unknownSectionIsAUsageError() {
        CliHarness.Result r = CliHarness.run("bench", "--section", "nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --section: no section named [nope] (known: data");
    }
}
