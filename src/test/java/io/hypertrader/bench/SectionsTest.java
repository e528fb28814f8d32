package io.hypertrader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.bench.refrule.PlainLoopReferenceRule;
import io.hypertrader.bench.refrule.ReferenceRule;
import io.hypertrader.core.CandleSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The sections produce their rows with real work behind them (structure and correctness only:
 * timing targets are the benchmark's business, never a unit test's).
 */
class SectionsTest {

    /** No warm-up, one sample: as fast as a section can run. */
    private static final BenchOptions ONCE = new BenchOptions(0, 1);

    @Test
    void referenceRuleRowsAgreementAndRatios() {
        List<BenchRow> rows = new ReferenceRuleSection().run(ONCE);
        assertThat(rows).extracting(BenchRow::name).containsExactly(
                "refrule: plain loop over primitive arrays",
                "refrule: our engine (ideal + 4.5 bp fee, close mode)",
                "refrule: ta4j DoubleNum, prebuilt series",
                "refrule: ta4j DecimalNum, prebuilt series",
                "refrule: ta4j DecimalNum, series built per run (default)",
                ReferenceRuleSection.AGREEMENT, ReferenceRuleSection.ENGINE_VS_LOOP,
                ReferenceRuleSection.TA4J_FAST_VS_ENGINE, ReferenceRuleSection.TA4J_DEFAULT_VS_ENGINE,
                ReferenceRuleSection.TA4J_FAST_VS_LOOP);
        BenchRow agreement = rows.get(5);
        assertThat(agreement.mustHold()).isTrue();
        assertThat(agreement.median()).isEqualTo(5);
        assertThat(agreement.meetsTarget()).isTrue();
        // The section runs on the benchmark's candles (the shared Coinbase series: 46 round trips; the
        // shipped synthetic series without ../shared): every row reports the plain loop's trips on them.
        CandleSeries bench = BenchDataset.load(ReferenceRule.BENCH_CANDLES).candles();
        int trips = PlainLoopReferenceRule.run(bench.highs(), bench.lows(), bench.closes()).roundTrips();
        assertThat(rows.subList(0, 5)).allSatisfy(r -> {
            assertThat(r.median()).isPositive();
            assertThat(r.detail()).startsWith(trips + " trips + open").doesNotContain("DISAGREES");
        });
        assertThat(rows.get(6).target()).isEqualTo(3);
        assertThat(rows.get(7).target()).isEqualTo(4);
        assertThat(rows.get(8).target()).isEqualTo(25);
    }

    @Test
    void fibHedgeOneThreadAndSweepRows() {
        List<BenchRow> rows = new FibHedgeSection(2).run(ONCE);
        assertThat(rows).extracting(BenchRow::name).containsExactly(FibHedgeSection.ONE_THREAD,
                FibHedgeSection.ONE_THREAD_RATE, FibHedgeSection.BACKTEST_ONLY, FibHedgeSection.POINT_METRICS_ONLY,
                FibHedgeSection.METRICS_ONLY,
                "fib-hedge backtest + metrics (point estimates), sweep on 2 threads", "fib-hedge candle-steps/s, sweep on 2 threads",
                "fib-hedge sweep speed-up on 2 threads");
        assertThat(rows).allSatisfy(r -> assertThat(r.median()).isPositive());
        assertThat(rows.get(0).target()).isEqualTo(100);
        assertThat(rows.get(1).target()).isEqualTo(50);
        assertThat(rows.get(7).target()).isEqualTo(1.6);
        assertThat(rows.get(0).detail()).contains("realistic profile, intrabar").contains("fills").contains("Sharpe")
                .containsPattern("\\d+ of 5000 bars taken whole");
    }

    @Test
    void fibHedgeOnOneCoreSkipsTheSweep() {
        List<BenchRow> rows = new FibHedgeSection(1).run(ONCE);
        assertThat(rows.get(rows.size() - 1).skipped()).isTrue();
        assertThat(rows.get(rows.size() - 1).detail()).contains("one core");
    }

    @Test
    void signRowsTheHookWithTheTargetTheWholePathAndThePureJavaFallback() {
        List<BenchRow> rows = new SignSection().run(ONCE);
        assertThat(rows).extracting(BenchRow::name)
                .containsExactly(SignSection.SIGN, SignSection.WIRE_AND_SIGN, SignSection.SIGN_PURE_JAVA);
        assertThat(rows.get(0).target()).isEqualTo(50);
        assertThat(rows.get(0).detail()).containsPattern("k\\*G by (libsecp256k1|bouncycastle)");
        assertThat(rows).allSatisfy(r -> assertThat(r.median()).isPositive());
    }

    @Test
    void signedOrdersDifferPerNonceAndCarryASignature() {
        var signer = new io.hypertrader.live.sign.HyperliquidSigner(
                io.hypertrader.live.sign.SigningKey.fromHex("0x" + "42".repeat(32)), io.hypertrader.core.Network.MAINNET);
        var a = SignSection.signOne(signer, 1);
        var b = SignSection.signOne(signer, 2);
        assertThat(a.toJson().toString()).contains("\"type\":\"order\"").contains("\"signature\"");
        assertThat(a.signature()).isNotEqualTo(b.signature());
    }

    private static Path launcher(Path dir, String script) throws IOException {
        Path p = dir.resolve("hypertrader");
        Files.writeString(p, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void coldCliSkipsWithoutALauncher(@TempDir Path dir) {
        BenchRow r = new ColdCliSection(dir).run(ONCE).get(0);
        assertThat(r.skipped()).isTrue();
        assertThat(r.detail()).contains("no executable ./hypertrader");
    }

    @Test
    void coldCliSkipsWhenTheBuildHasNoBacktestCommand(@TempDir Path dir) throws IOException {
        launcher(dir, "echo 'Usage: hypertrader [-hV] [COMMAND]'");
        BenchRow r = new ColdCliSection(dir).run(ONCE).get(0);
        assertThat(r.skipped()).isTrue();
        assertThat(r.detail()).contains("no backtest command");
    }

    @Test
    void coldCliImportsTheCandlesThenTimesTheBacktestOnTheLast5000(@TempDir Path dir) throws IOException {
        // A stand-in launcher that logs its arguments with the database path masked.
        launcher(dir, "if [ \"$2\" = --help ]; then echo 'Usage: hypertrader backtest [OPTIONS]'; fi;"
                + " echo \"$@\" | sed 's#--db [^ ]*#--db DB#; s#--reports [^ ]*#--reports TMP#' >> calls.txt");
        List<BenchRow> rows = new ColdCliSection(dir).run(ONCE);
        BenchRow r = rows.get(0);
        assertThat(r.skipped()).isFalse();
        assertThat(r.median()).isPositive();
        assertThat(r.target()).isEqualTo(3);
        var candles = io.hypertrader.bench.harness.BenchDataset.load(5000);
        String backtest = "--db DB backtest --coin BTC --interval 1h --from " + candles.candles().openTime(0)
                + " --to " + (candles.candles().openTime(4999) + 3_600_000L) + " --reports TMP";
        String importCsv = "--db DB data import " + candles.source().toAbsolutePath() + " --coin BTC --interval 1h";
        // the probe, the import, then each command once untimed and three times timed; reports go to the temp folder
        List<String> expected = new java.util.ArrayList<>(List.of("backtest --help", importCsv));
        for (String c : List.of(backtest, "--help", "--db DB runs", "--db DB data list", "--db DB status")) {
            expected.addAll(java.util.Collections.nCopies(4, c));
        }
        expected.add("--db DB runs --limit 1");
        expected.addAll(java.util.Collections.nCopies(4, importCsv));
        assertThat(Files.readAllLines(dir.resolve("calls.txt"))).containsExactlyElementsOf(expected);
        // the stand-in printed no run id: verify says why it did not run; the read-only rows' target is 1 s
        assertThat(rows).extracting(BenchRow::name).containsExactly(ColdCliSection.COLD, ColdCliSection.HELP,
                ColdCliSection.RUNS, ColdCliSection.DATA_LIST, ColdCliSection.STATUS, ColdCliSection.VERIFY,
                ColdCliSection.IMPORT);
        assertThat(rows.get(5).skipped()).isTrue();
        assertThat(rows.get(5).detail()).contains("no run id");
        assertThat(rows.subList(1, 5)).allSatisfy(x -> assertThat(x.target()).isEqualTo(1));
        assertThat(rows.get(6).target()).isEqualTo(2);
    }

    @Test
    void reportSkipsWithoutALauncherOrWhenTheSetUpBacktestPrintsNoRun(@TempDir Path dir) throws IOException {
        assertThat(new ReportCliSection(dir).run(ONCE).get(0).detail()).contains("no executable ./hypertrader");
        launcher(dir, "if [ \"$2\" = --help ]; then echo 'Usage: hypertrader report [OPTIONS]'; fi");
        BenchRow r = new ReportCliSection(dir).run(ONCE).get(0);
        assertThat(r.skipped()).isTrue();
        assertThat(r.detail()).contains("the set-up backtest failed");
    }

    @Test
    void reportBacktestsTheLast5000WithoutAReportThenTimesTheReportOfThatRun(@TempDir Path dir) throws IOException {
        // A stand-in launcher: the backtest prints a run id; every call is logged with the paths masked.
        launcher(dir, "if [ \"$2\" = --help ]; then echo 'Usage: hypertrader report [OPTIONS]'; fi;"
                + " if [ \"$3\" = backtest ]; then echo 'run          bt-1-abc'; fi;"
                + " echo \"$@\" | sed 's#--db [^ ]*#--db DB#; s#--reports [^ ]*#--reports TMP#' >> calls.txt");
        BenchRow r = new ReportCliSection(dir).run(ONCE).get(0);
        assertThat(r.skipped()).as(r.detail()).isFalse();
        assertThat(r.median()).isPositive();
        assertThat(r.target()).isEqualTo(3);
        var candles = io.hypertrader.bench.harness.BenchDataset.load(5000);
        String report = "--db DB report bt-1-abc --reports TMP";
        assertThat(Files.readAllLines(dir.resolve("calls.txt"))).containsExactly("report --help",
                "--db DB data import " + candles.source().toAbsolutePath() + " --coin BTC --interval 1h",
                "--db DB backtest --coin BTC --interval 1h --from " + candles.candles().openTime(0) + " --to "
                        + (candles.candles().openTime(4999) + 3_600_000L) + " --no-report",
                report, report, report, report); // one untimed, three timed
    }

    @Test
    void theEngineBenchmarkRunsBehindTheShippedConfigsRiskLimits() {
        assertThat(FibHedgeSection.LIMITS)
                .isEqualTo(io.hypertrader.config.ConfigLoader.load(java.nio.file.Path.of("config/fib-hedge.yaml")).risk());
    }

    @Test
    void rulesParityRowsHoldTheCheckAndStateTheTarget() {
        List<BenchRow> rows = new RulesParitySection().run(ONCE);
        assertThat(rows).extracting(BenchRow::name).containsExactly(RulesParitySection.TA4J, RulesParitySection.TA4J_BUILT,
                RulesParitySection.ENGINE, RulesParitySection.RATIO, RulesParitySection.PARITY, RulesParitySection.REALISTIC);
        assertThat(rows.subList(0, 3)).allSatisfy(r -> assertThat(r.median()).isPositive());
        assertThat(rows.get(3).target()).isEqualTo(2);
        assertThat(rows.get(4).mustHold()).isTrue();
        assertThat(rows.get(4).meetsTarget()).as(rows.get(4).detail()).isTrue();
        assertThat(rows.get(5).detail()).startsWith("realistic: ");
    }
}
