package io.hypertrader.cli;

import io.hypertrader.store.RunStore;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader runs}: the stored backtest runs, newest first, with the ids verify and report take. */
@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List stored backtest runs, newest first: the run id (for verify and report), when, config, "
                + "profile, seed, data and the headline figures.")
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default: 20).")
    int limit;

    @Option(names = "--config-hash", paramLabel = "HASH", description = "Only runs of this config hash (a prefix is enough).")
    String configHash;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw UserError.usage("--limit must be at least 1, got " + limit);
        }
        HyperTraderCli root = HyperTraderCli.root(spec);
        try (Database db = Database.openReadOnly(root.dbPath(), "hypertrader backtest")) {
            List<RunStore.RunRow> runs = new RunStore(db).list(limit, configHash == null ? null : configHash.trim());
            if (runs.isEmpty()) {
                root.err().println("no backtest runs in " + root.dbPath()
                        + (configHash == null ? "" : " with config hash " + configHash) + "; run one with: hypertrader backtest");
                return 0;
            }
            PrintWriter out = root.out();
            String fmt = "%-30s  %-20s  %-22s  %-12s  %-9s  %5s  %-10s  %6s  %9s  %8s  %6s%n";
            out.printf(Locale.ROOT, fmt, "run", "created (UTC)", "config", "hash", "profile", "seed", "data", "bars",
                    "return", "max dd", "fills");
            for (RunStore.RunRow r : runs) {
                out.printf(Locale.ROOT, fmt, r.runId(), CliTimes.iso(r.createdAtMs()), r.name(),
                        r.configHash().substring(0, Math.min(12, r.configHash().length())), r.simProfile(), r.seed(),
                        r.coins() + " " + r.interval(), r.rowCount(), String.format(Locale.ROOT, "%.2f%%", 100 * r.totalReturn()),
                        String.format(Locale.ROOT, "%.2f%%", 100 * r.maxDrawdown()), r.fillCount());
            }
            out.flush();
        }
        return 0;
    }
}
