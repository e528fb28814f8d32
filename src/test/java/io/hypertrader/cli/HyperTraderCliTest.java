package io.hypertrader.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HyperTraderCliTest {

    @Test
    void helpListsGlobalOptionsAndExitCodes() {
        CliHarness.Result r = CliHarness.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--db", "--network", "--api-url", "--quiet", "Exit codes", "data missing");
    }

    @Test
    void versionPrintsProjectVersion() {
        CliHarness.Result r = CliHarness.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("hypertrader ");
    }

    @Test
    void unknownFlagIsUsageErrorWithOneClearLine() {
        CliHarness.Result r = CliHarness.run("--no-such-flag");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("error: Unknown option: '--no-such-flag'");
    }

    @Test
    void noSubcommandIsUsageError() {
        CliHarness.Result r = CliHarness.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing subcommand");
    }
}
