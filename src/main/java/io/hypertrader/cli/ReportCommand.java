package io.hypertrader.cli;

import io.hypertrader.analytics.TradeTables;
import io.hypertrader.store.ReportService;
import io.hypertrader.data.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hypertrader report RUN_ID}: re-renders a stored run's report folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render the report of a stored backtest into REPORTS/<run-id>/ (index.html, charts, "
                + "metrics.json, trades.csv, equity.csv, cycles.csv).",
                "The run is re-run from its manifest and must reproduce its stored event-log hash.",
                "Exit 3 when the run id is not in the database."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id printed by hypertrader backtest.")
    String runId;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Folder of run reports (default: $HYPERTRADER_REPORTS or reports).")
    Path reports;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        TradeTables.warmUp();
        try (Database db = Database.openReadOnly(root.dbPath(), "hypertrader backtest")) {
            Path index = ReportService.rerender(db, runId, root.reportsDir(reports));
            root.out().println(index);
            root.out().flush();
            return 0;
        }
    }
}
