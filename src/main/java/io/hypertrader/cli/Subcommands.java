package io.hypertrader.cli;

import picocli.CommandLine;

/** The list of subcommands, one line each, in the order `--help` shows them. */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root) {
        // Registered here rather than in @Command so each feature adds one line.
        root.addSubcommand("fetch", new FetchCommand());
        root.addSubcommand("record", new RecordCommand());
        root.addSubcommand("data", new DataCommand());
        root.addSubcommand("keys", new KeysCommand());
        root.addSubcommand("sign", new SignCommand());
        root.addSubcommand("bench", new BenchCommand());
        root.addSubcommand("backtest", new BacktestCommand());
        root.addSubcommand("verify", new VerifyCommand());
        root.addSubcommand("runs", new RunsCommand());
        root.addSubcommand("report", new ReportCommand());
        root.addSubcommand("sweep", new SweepCommand());
        root.addSubcommand("montecarlo", new MonteCarloCommand());
        root.addSubcommand("walkforward", new WalkForwardCommand());
        root.addSubcommand("studies", new StudiesCommand());
        root.addSubcommand("promote", new PromoteCommand());
        root.addSubcommand("run", new RunCommand());
        root.addSubcommand("status", new StatusCommand());
        root.addSubcommand("orders", new OrdersCommand());
        root.addSubcommand("fills", new FillsCommand());
        root.addSubcommand("stop", new StopCommand());
        root.addSubcommand("parity", new ParityCommand());
        root.addSubcommand("alerts", new AlertsCommand());
        root.addSubcommand("backup", new BackupCommand());
        root.addSubcommand("restore", new RestoreCommand());
    }
}
