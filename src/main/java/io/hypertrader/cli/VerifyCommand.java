package io.hypertrader.cli;

import io.hypertrader.store.BacktestJob;
import io.hypertrader.data.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code hypertrader verify RUN_ID}: re-runs a stored backtest and compares its event-log hash. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-run a stored backtest from its manifest (config, simulator, seed, data range, grids) and check "
                + "that the event-log SHA-256 matches.", "Exit 0 when it matches, 1 when it does not."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id printed by hypertrader backtest.")
    String runId;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        PrintWriter out = root.out();
        try (Database db = Database.openReadOnly(root.dbPath(), "hypertrader backtest")) {
            BacktestJob.Verification v = BacktestJob.verify(db, runId);
            if (v.ok()) {
                out.println("run " + runId + ": event-log hash matches (" + v.stored().eventLogSha256() + ")");
                out.flush();
                return 0;
            }
            out.println("run " + runId + ": MISMATCH");
            out.println("  stored   " + v.stored().eventLogSha256() + "  (code " + v.stored().codeVersion() + ")");
            out.println("  re-run   " + v.rerun().eventLogSha256() + "  (code " + VersionProvider.version() + ")");
            if (!v.dataMatches()) {
                out.println("  the candles in the range changed: stored " + v.stored().rowCount() + " rows, now "
                        + v.rerun().rows());
            }
            out.flush();
            return 1;
        }
    }
}
