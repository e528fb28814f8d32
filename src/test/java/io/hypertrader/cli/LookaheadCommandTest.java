package io.hypertrader.cli;

import io.hypertrader.backtest.lookahead.LookaheadCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** lookahead in-process on the shipped synthetic dataset. */
class LookaheadCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    @Test
    void theShippedConfigHasNoLookaheadExitZero() {
        CliHarness.Result r = CliHarness.run(env, "lookahead", "--to", "2024-03-03", "--points", "8", "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("8 cuts", "result       no lookahead: at all 8 cuts every earlier decision is the same")
                .doesNotContain("leak ");
    }

    @Test
    void oneConfigurationOnly() {
        CliHarness.Result r = CliHarness.run(env, "lookahead", "--to", "2024-03-03", "--param", "strategy.levels.hedge=0.2,0.25");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("one configuration");
        CliHarness.Result p = CliHarness.run(env, "lookahead", "--to", "2024-03-03", "--points", "0");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.err()).contains("--points");
    }

    @Test
    void aLeakIsPrintedWithTheInputThatDifferedFirst() {
        var order = new LookaheadCheck.Decision("order", 1_704_441_599_999L, "#3 OrderRequest[side=BUY]");
        var fill = new LookaheadCheck.Decision("fill", 1_704_441_599_999L, "Fill[orderId=3]");
        var leak = new LookaheadCheck.Leak(104, 1_704_441_600_000L, order, null, 2, List.of(order, fill), List.of(),
                List.of(new LookaheadCheck.InputDiff("BTC", 1_704_438_000_000L, "signalClose", "43012.5", "NaN")), true);
        StringWriter w = new StringWriter();
        LookaheadCommand.print(new PrintWriter(w), leak);
        assertThat(w.toString()).contains("cut after bar 104", "order at", "#3 OrderRequest[side=BUY]", "(no such decision)",
                "signalClose after the BTC bar of", "43012.5 with all data, NaN with the cut data",
                "only all   2024-01-05T07:59:59.999Z fill Fill[orderId=3]");
    }
}
