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
        assertThat(r.out()).contains("name", "median", "target", "unit", "detail",
                "DuckDB write 5000 candles (Appender, warm)", "<=20.0", "DuckDB read 5000 candles");
    }

    @Test
    void quickRunOfTheSignSectionSaysItsFiguresAreIndicative() {
        CliHarness.Result r = CliHarness.run("bench", "--quick", "--section", "sign");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sign one order", "<=50.0", "us", "indicative only");
    }

    @Test
    void numbersStayReadableAtEveryMagnitude() {
        assertThat(BenchCommand.number(19.2)).isEqualTo("19.200");
        assertThat(BenchCommand.number(3.6e-12)).isEqualTo("3.60e-12");
        assertThat(BenchCommand.number(0)).isEqualTo("0.000");
    }

    @Test
    void unknownSectionIsAUsageError() {
        CliHarness.Result r = CliHarness.run("bench", "--section", "nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --section: no section named [nope] (known: data");
    }
}
