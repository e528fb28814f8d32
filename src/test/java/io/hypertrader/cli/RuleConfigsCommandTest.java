package io.hypertrader.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped ta4j configs through the commands a quant uses: backtest (with its report), sweep
 * over a rule parameter and a filter parameter, montecarlo and walkforward; promotion of a
 * ta4j-rules config is refused as a usage error.
 */
class RuleConfigsCommandTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;
    static final String TO = "2024-03-03";
    static final String RULES = "config/ta4j-ma-cross.yaml";
    static final String FILTERED = "config/fib-hedge-filtered.yaml";

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    @Test
    void backtestsOfBothConfigsRunAndReport() {
        for (String cfg : new String[]{RULES, FILTERED}) {
            CliHarness.Result r = CliHarness.run(env, "backtest", "--config", cfg, "--reports", dir.resolve("reports").toString());
            assertThat(r.exitCode()).as(cfg + ": " + r.err()).isZero();
            assertThat(r.out()).as(cfg).contains("run");
        }
    }

    @Test
    void sweepsVaryRuleAndFilterParameters() {
        CliHarness.Result rules = CliHarness.run(env, "sweep", "--config", RULES, "--to", TO, "--param",
                "strategy.rules.params.fast=5,10", "--param", "strategy.rules.stopLoss=0.02,0.05", "--quiet", "--reports", dir.resolve("reports").toString());
        assertThat(rules.exitCode()).as(rules.err()).isZero();
        assertThat(rules.out()).contains("4 (4 configurations x 1 seed(s))");
        CliHarness.Result filters = CliHarness.run(env, "sweep", "--config", FILTERED, "--to", TO, "--param",
                "strategy.filters.params.trend=50,100,200", "--quiet", "--reports", dir.resolve("reports").toString());
        assertThat(filters.exitCode()).as(filters.err()).isZero();
        assertThat(filters.out()).contains("3 (3 configurations x 1 seed(s))");
        CliHarness.Result bad = CliHarness.run(env, "sweep", "--config", RULES, "--to", TO, "--param",
                "strategy.rules.params.fast=2.5,10", "--quiet", "--reports", dir.resolve("reports").toString());
        // a sweep skips the configurations its config refuses, naming the expression and the position
        assertThat(bad.exitCode()).as(bad.err()).isZero();
        assertThat(bad.out()).contains("skipped      1 of 2 configurations",
                "strategy.rules.longEntry = sma(close, fast) crosses above sma(close, slow): at 12: the bar count of sma"
                        + " must be a whole number");
    }

    @Test
    void monteCarloAndWalkForwardRunTheRuleStrategy() {
        CliHarness.Result mc = CliHarness.run(env, "montecarlo", "--config", RULES, "--to", TO, "--seeds", "2",
                "--reports", dir.resolve("reports").toString());
        assertThat(mc.exitCode()).as(mc.err()).isZero();
        CliHarness.Result wf = CliHarness.run(env, "walkforward", "--config", RULES, "--to", TO, "--train", "20d", "--test",
                "10d", "--param", "strategy.rules.params.slow=20,30", "--reports", dir.resolve("reports").toString());
        assertThat(wf.exitCode()).as(wf.err()).isZero();
        assertThat(wf.out()).contains("out of sample return");
    }
}
