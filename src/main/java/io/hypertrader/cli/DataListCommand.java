package io.hypertrader.cli;

import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.SeriesSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader data list}: one row per stored (coin, interval). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the stored series: rows, first and last bar open (UTC), gaps (missing bars), source.")
final class DataListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        try (Database db = Database.openExisting(root.dbPath(), CliArgs.fixCommand(null, null))) {
            List<SeriesSummary> list = new CandleStore(db, InstantSource.system()).list();
            PrintWriter out = root.out();
            if (list.isEmpty()) {
                root.err().println("no candles in " + root.dbPath() + "; get some with: " + CliArgs.fixCommand(null, null));
                return 0;
            }
            String fmt = "%-10s %-8s %8s  %-20s  %-20s  %-14s  %s%n";
            out.printf(Locale.ROOT, fmt, "coin", "interval", "rows", "first (UTC)", "last (UTC)", "gaps (bars)", "source");
            for (SeriesSummary s : list) {
                out.printf(Locale.ROOT, fmt, s.coin(), s.interval(), s.rows(), CliTimes.iso(s.firstOpenMs()),
                        CliTimes.iso(s.lastOpenMs()), s.gaps().size() + " (" + s.missingBars() + ")", s.source());
            }
            out.flush();
        }
        return 0;
    }
}
