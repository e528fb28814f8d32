package io.hypertrader.cli;

import io.hypertrader.analytics.Distribution;
import io.hypertrader.backtest.sweep.MonteCarlo;
import io.hypertrader.backtest.sweep.ParamGrid;
import io.hypertrader.backtest.sweep.StudyReports;
import io.hypertrader.store.SweepStore;
import io.hypertrader.backtest.sweep.TrialResult;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import io.hypertrader.report.StudyReportWriter;
import io.hypertrader.sim.PathMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.concurrent.Callable;

/** {@code hypertrader montecarlo}: one configuration over many seeds and the intrabar path modes. */
@Command(name = "montecarlo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one configuration over --seeds seeds under every --paths path mode in parallel: the "
                + "distribution of final equity, drawdown and Sharpe per mode, an equity fan chart, and the P&L interval "
                + "(worst, median, best) over the path modes. Stored in DuckDB (kind montecarlo) and written to "
                + "reports/montecarlo-<id>/.",
                "--param takes single values here (PATH=VALUE); use sweep for grids."})
public final class MonteCarloCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StudyOptions opts;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "50", description = "Seeds (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--paths", paramLabel = "MODES", defaultValue = "all",
            description = "Path modes, comma-separated, or all (default): bullish-low-first, high-first, low-first, worst-case. "
                    + "The first is the fan chart's.")
    String paths;

    @Override
    public Integer call() throws IOException {
        HyperTraderCli root = HyperTraderCli.root(spec);
        List<String> flags = opts.params == null ? List.of() : opts.params;
        ParamGrid grid = ParamGrid.parse(flags);
        if (grid.size() != 1) {
            throw UserError.usage("--param: montecarlo runs one configuration; give single values (PATH=VALUE), or use"
                    + " hypertrader sweep for a grid");
        }
        if (seeds < 2) {
            throw UserError.usage("--seeds must be >= 2 for a distribution, got " + seeds);
        }
        List<PathMode> modes = modes(paths);
        long now = System.currentTimeMillis();
        try (Database db = Database.openExisting(root.dbPath(), StudySetup.dataFix(opts));
             StudyEngine engine = StudyEngine.none(opts, root)) {
            StudySetup s = StudySetup.load(opts, db, root.network());
            String what = s.base.hash() + flags + seeds + opts.seed + modes;
            String id = engine.start(s, db, "montecarlo", what, StudySetup.id(now, what));
            long t0 = System.nanoTime();
            MonteCarlo.Outcome o;
            try (StudyProgress p = new StudyProgress(root.err(), root.quiet(), "montecarlo")) {
                o = MonteCarlo.run(s.factory, engine.engine(), grid.point(0), seeds, opts.seed, modes, p);
            }
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            double rate = o.trials().size() / Math.max(1e-3, elapsed / 1000.0);
            SequencedMap<String, String> manifest = s.manifest("montecarlo", id, flags, now);
            manifest.put("seeds", seeds + " (from " + opts.seed + ")");
            manifest.put("path modes", String.join(", ", modes.stream().map(PathMode::label).toList()));
            manifest.put("engine", engine.describe());
            manifest.put("backtests", o.trials().size() + " in " + String.format(Locale.ROOT, "%.1f s (%.1f backtests/s)",
                    elapsed / 1000.0, rate));
            List<SweepStore.ResultRow> rows = new ArrayList<>();
            for (TrialResult t : o.trials()) {
                rows.add(new SweepStore.ResultRow(t.index(), 0, t.spec().params(), t.spec().seed(), t.spec().path().label(),
                        -1, "montecarlo", Long.MIN_VALUE, Long.MAX_VALUE, t.metrics(), t.metrics().psr()));
            }
            new SweepStore(db).save(s.row(id, "montecarlo", now, flags, seeds, opts.seed, 1, o.trials().size(),
                    Double.NaN, elapsed, manifest), rows);
            Path index = StudyReportWriter.DEFAULT.write(StudyReports.monteCarlo(id, o, manifest),
                    root.reportsDir(opts.reports).resolve("montecarlo-" + id));
            PrintWriter out = root.out();
            out.printf(Locale.ROOT, "montecarlo   %s%n", id);
            out.printf(Locale.ROOT, "backtests    %d (%d seeds x %d path modes) in %.1f s on %d threads%n",
                    o.trials().size(), seeds, modes.size(), elapsed / 1000.0, engine.engine().threads());
            out.printf(Locale.ROOT, "%-20s %12s %12s %12s %10s %10s%n", "path mode", "equity 5%", "median", "95%",
                    "DD median", "DD 95%");
            for (PathMode m : modes) {
                Distribution f = o.finalEquity().get(m), d = o.maxDrawdown().get(m);
                out.printf(Locale.ROOT, "%-20s %12.2f %12.2f %12.2f %9.2f%% %9.2f%%%n", m.label(), f.p05(), f.median(),
                        f.p95(), 100 * d.median(), 100 * d.p95());
            }
            out.printf(Locale.ROOT, "P&L interval over path modes (median over seeds): worst %.2f, median %.2f, best %.2f%n",
                    o.pnl().worstDist().median(), o.pnl().medianDist().median(), o.pnl().bestDist().median());
            out.printf(Locale.ROOT, "report       %s%n", index);
            out.flush();
        }
        return 0;
    }

    static List<PathMode> modes(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("all")) {
            return List.of(PathMode.values());
        }
        LinkedHashSet<PathMode> out = new LinkedHashSet<>();
        for (String p : text.split(",")) {
            try {
                out.add(PathMode.parse(p));
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--paths: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
