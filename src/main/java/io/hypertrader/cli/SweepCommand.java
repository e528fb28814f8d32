package io.hypertrader.cli;

import io.hypertrader.backtest.sweep.ParamGrid;
import io.hypertrader.backtest.sweep.StudyReports;
import io.hypertrader.backtest.sweep.Sweep;
import io.hypertrader.store.SweepStore;
import io.hypertrader.backtest.sweep.TrialResult;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import io.hypertrader.report.StudyReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.Callable;

/** {@code hypertrader sweep}: a parameter grid times a seed ensemble, in parallel, stored and reported. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backtest every combination of the --param values (times --seeds seeds) in parallel, store the "
                + "results in DuckDB (sweeps, sweep_results) and write reports/sweep-<id>/ (heatmap of two parameters, "
                + "top configurations with their deflated Sharpe ratio, results.csv).",
                "Example: hypertrader sweep --param strategy.levels.hedge=0.20:0.30:0.02 --param strategy.sizing.leverage=2,3,5",
                "Search: hypertrader sweep --search tpe --trials 60 --param strategy.levels.hedge=0.15:0.40:0.005 ..."})
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StudyOptions opts;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Seeds per configuration: --seed, --seed + 1, ... (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--path", paramLabel = "MODE",
            description = "Bar path for every backtest: bullish-low-first, high-first, low-first, worst-case (default: the simulator config's).")
    String path;

    @Option(names = "--search", paramLabel = "random|cmaes|tpe",
            description = "Search the --param space instead of running all of it: random draws, CMA-ES or TPE; needs"
                    + " --trials. Deterministic from --seed; resumable (a rerun runs only what is not stored).")
    String search;

    @Option(names = "--trials", paramLabel = "N",
            description = "With --search: configurations to try, each with --seeds seeds; all count in the deflated Sharpe ratio.")
    Integer trials;

    @Override
    public Integer call() throws IOException {
        HyperTraderCli root = HyperTraderCli.root(spec);
        List<String> flags = opts.params == null ? List.of() : opts.params;
        io.hypertrader.backtest.sweep.Search.Method method = SearchStudy.method(search, trials);
        ParamGrid grid = method != null ? io.hypertrader.backtest.sweep.Search.space(flags) : ParamGrid.parse(flags);
        if (seeds < 1) {
            throw UserError.usage("--seeds must be >= 1, got " + seeds);
        }
        io.hypertrader.sim.PathMode mode = null;
        if (path != null) {
            try {
                mode = io.hypertrader.sim.PathMode.parse(path);
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--path: " + e.getMessage());
            }
        }
        long now = System.currentTimeMillis(); // the CLI's clock: id and created_at only
        try (Database db = Database.openExisting(root.dbPath(), StudySetup.dataFix(opts));
             StudyEngine engine = StudyEngine.none(opts, root)) {
            StudySetup s = StudySetup.load(opts, db, root.network());
            if (method != null) {
                if (!"local".equals(opts.engine)) {
                    throw UserError.usage("--search runs its trials on the local pool (each batch depends on the last);"
                            + " --engine " + opts.engine + " is for grids: drop one of the two");
                }
                return SearchStudy.sweep(root, opts, db, s, method, trials, seeds, mode, now);
            }
            String what = s.base.hash() + flags + seeds + opts.seed + mode;
            String id = engine.start(s, db, "sweep", what, StudySetup.id(now, what));
            long t0 = System.nanoTime();
            Sweep.Outcome o;
            try (StudyProgress p = new StudyProgress(root.err(), root.quiet(), "sweep")) {
                o = Sweep.run(s.factory, engine.engine(), grid, seeds, opts.seed, mode, p);
            }
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            double rate = o.trials().size() / Math.max(1e-3, elapsed / 1000.0);
            SequencedMap<String, String> manifest = s.manifest("sweep", id, flags, now);
            manifest.put("seeds", seeds + " (from " + opts.seed + ")");
            manifest.put("path mode", mode == null ? "the simulator config's" : mode.label());
            manifest.put("engine", engine.describe());
            manifest.put("backtests", o.trials().size() + " in " + String.format(Locale.ROOT, "%.1f s (%.1f backtests/s)",
                    elapsed / 1000.0, rate));
            List<SweepStore.ResultRow> rows = new ArrayList<>();
            for (int i = 0; i < o.trials().size(); i++) {
                TrialResult t = o.trials().get(i);
                rows.add(new SweepStore.ResultRow(i, o.configs().get(i / seeds).configIndex(), t.spec().params(),
                        t.spec().seed(), mode == null ? null : mode.label(), -1, "grid", Long.MIN_VALUE, Long.MAX_VALUE,
                        t.metrics(), o.deflatedSharpe()[i]));
            }
            new SweepStore(db).save(s.row(id, "sweep", now, flags, seeds, opts.seed, o.configurations(), o.trials().size(),
                    o.sharpeVariance(), elapsed, manifest), rows);
            Path index = StudyReportWriter.DEFAULT.write(StudyReports.sweep(id, o, manifest),
                    root.reportsDir(opts.reports).resolve("sweep-" + id));
            print(root.out(), id, o, elapsed, rate, engine.engine().threads(), index);
            warnSkipped(root.err(), o);
        }
        return 0;
    }

    /**
     * A sweep that did not run every configuration says so where it cannot be missed: on stderr
     * (also under --quiet, like an error), with the count and each distinct reason.
     */
    static void warnSkipped(PrintWriter err, Sweep.Outcome o) {
        if (o.skipped().isEmpty()) {
            return;
        }
        int total = o.grid().size();
        err.printf(Locale.ROOT, "warning: %d of %d configurations were skipped and not run: the config refuses them.%n",
                o.skipped().size(), total);
        List<String> lines = skippedLines(o);
        for (String line : lines.subList(1, lines.size())) {
            err.printf(Locale.ROOT, "warning:   %s%n", line.strip());
        }
        err.flush();
    }

    /**
     * "6 of 18 configurations, not run: the config refuses them", then one line per distinct reason
     * with how many configurations it refused and the first one's parameters (at most five reasons).
     */
    static List<String> skippedLines(Sweep.Outcome o) {
        if (o.skipped().isEmpty()) {
            return List.of();
        }
        int total = o.grid().size();
        Map<String, List<Sweep.Skipped>> byReason = new LinkedHashMap<>();
        for (Sweep.Skipped sk : o.skipped()) {
            byReason.computeIfAbsent(sk.reason(), r -> new ArrayList<>()).add(sk);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d of %d configurations, not run: the config refuses them", o.skipped().size(), total));
        int shown = 0;
        for (var e : byReason.entrySet()) {
            if (shown++ == 5) {
                lines.add(String.format(Locale.ROOT, "  ... and %d more reasons (the report lists every skipped configuration)",
                        byReason.size() - 5));
                break;
            }
            List<Sweep.Skipped> group = e.getValue();
            lines.add(String.format(Locale.ROOT, "  %d x %s (e.g. %s)", group.size(), e.getKey(),
                    StudyReports.params(group.getFirst().params())));
        }
        return lines;
    }

    static void print(PrintWriter out, String id, Sweep.Outcome o, long elapsedMs, double rate, int threads, Path index) {
        out.printf(Locale.ROOT, "sweep        %s%n", id);
        out.printf(Locale.ROOT, "backtests    %d (%d configurations x %d seed(s)) in %.1f s on %d thread(s): %.1f backtests/s%n",
                o.trials().size(), o.configurations(), o.seeds(), elapsedMs / 1000.0, threads, rate);
        List<String> skipped = skippedLines(o);
        for (int i = 0; i < skipped.size(); i++) {
            out.printf(Locale.ROOT, "%-13s%s%n", i == 0 ? "skipped" : "", skipped.get(i).strip());
        }
        out.printf(Locale.ROOT, "top          %-8s %-8s %-9s %-9s %s%n", "Sharpe", "DSR", "return", "max DD", "parameters");
        for (int i = 0; i < Math.min(5, o.ranking().size()); i++) {
            Sweep.ConfigSummary c = o.ranking().get(i);
            out.printf(Locale.ROOT, "%-12s %-8.3f %-8.3f %-+9.2f %-9.2f %s%n", "#" + (i + 1), c.meanSharpe(),
                    c.meanDeflatedSharpe(), 100 * c.meanReturn(), 100 * c.meanMaxDrawdown(), StudyReports.params(c.params()));
        }
        out.printf(Locale.ROOT, "stored       sweeps / sweep_results, sweep_id = '%s'%n", id);
        out.printf(Locale.ROOT, "report       %s%n", index);
        out.flush();
    }
}
