package io.hypertrader.cli;

import io.hypertrader.backtest.sweep.Search;
import io.hypertrader.store.SearchTrialStore;
import io.hypertrader.backtest.sweep.WalkForward;
import io.hypertrader.backtest.sweep.WalkForwardSearch;
import io.hypertrader.backtest.sweep.StudyReports;
import io.hypertrader.backtest.sweep.Sweep;
import io.hypertrader.store.SweepStore;
import io.hypertrader.backtest.sweep.TrialResult;
import io.hypertrader.backtest.sweep.TrialRunner;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.report.StudyReport;
import io.hypertrader.report.StudyReport.Cell;
import io.hypertrader.report.StudyReport.Column;
import io.hypertrader.report.StudyReportWriter;
import io.hypertrader.sim.PathMode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * {@code sweep --search}: the search of {@link Search} from the command line, stored like a sweep
 * (kind sweep, phase "search" in sweep_results) with its reports, plus what makes it resumable:
 * each batch of backtests goes to {@code search_trials} under the search's key as it finishes.
 */
final class SearchStudy {
    private SearchStudy() {
    }

    /**
     * The key of a search's backtests: the SHA-256 of everything that decides their results (the
     * config as bound with --set/--coin/--interval, the simulator, the candles, --detail, the
     * --param space, the path mode, the evaluation window and the code version). The sampler, the
     * trial count and the thread count are not in it: they decide which backtests run, not what
     * one gives.
     */
    static String key(StudySetup s, List<String> flags, PathMode path, long fromMs, long toMs) {
        StringBuilder b = new StringBuilder("search-trials-v1\n");
        b.append(s.base.hash()).append('\n').append(s.baseSim).append('\n').append(s.detail).append('\n');
        for (CandleSeries c : s.candles) {
            b.append(c.coin()).append(' ').append(c.interval()).append(' ').append(c.size()).append(' ')
                    .append(c.openTime(0)).append(' ').append(c.openTime(c.size() - 1)).append(' ')
                    .append(Arrays.hashCode(c.opens())).append(Arrays.hashCode(c.highs())).append(Arrays.hashCode(c.lows()))
                    .append(Arrays.hashCode(c.closes())).append(Arrays.hashCode(c.volumes())).append('\n');
        }
        b.append(flags).append('\n').append(path == null ? "config" : path.label()).append('\n')
                .append(fromMs).append(' ').append(toMs).append('\n').append(VersionProvider.version());
        return ConfigLoader.sha256(b.toString());
    }

    /** Runs, stores, reports and prints a sweep's search; returns the exit code. */
    static int sweep(HyperTraderCli root, StudyOptions opts, Database db, StudySetup s, Search.Method method, int trials,
                     int seeds, PathMode mode, long now) throws java.io.IOException {
        List<String> flags = opts.params == null ? List.of() : opts.params;
        var space = Search.space(flags);
        String key = key(s, flags, mode, Long.MIN_VALUE, Long.MAX_VALUE);
        SearchTrialStore store = new SearchTrialStore(db, key, now);
        String id = StudySetup.id(now, s.base.hash() + flags + seeds + opts.seed + mode + method + trials);
        long t0 = System.nanoTime();
        Search.Outcome o;
        try (StudyProgress p = new StudyProgress(root.err(), root.quiet(), "search")) {
            o = Search.run(s.factory, new TrialRunner(s.factory, s.threads), space, method, trials, seeds, opts.seed, mode,
                    Long.MIN_VALUE, Long.MAX_VALUE, Search.SHARPE, store, p);
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        Sweep.Outcome sw = o.sweep();
        SequencedMap<String, String> manifest = s.manifest("sweep", id, flags, now);
        manifest.put("search", o.describe());
        manifest.put("search key", key + " (search_trials: a rerun with the same key runs only what is not stored)");
        manifest.put("seeds", seeds + " (from " + opts.seed + ")");
        manifest.put("path mode", mode == null ? "the simulator config's" : mode.label());
        manifest.put("backtests", sw.trials().size() + " in " + String.format(Locale.ROOT, "%.1f s", elapsed / 1000.0));
        List<SweepStore.ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < sw.trials().size(); i++) {
            TrialResult t = sw.trials().get(i);
            rows.add(new SweepStore.ResultRow(i, sw.configs().get(i / seeds).configIndex(), t.spec().params(),
                    t.spec().seed(), mode == null ? null : mode.label(), -1, "search", Long.MIN_VALUE, Long.MAX_VALUE,
                    t.metrics(), sw.deflatedSharpe()[i]));
        }
        new SweepStore(db).save(s.row(id, "sweep", now, flags, seeds, opts.seed, sw.configurations(), sw.trials().size(),
                sw.sharpeVariance(), elapsed, manifest), rows);
        Path index = StudyReportWriter.DEFAULT.write(report(id, o, manifest), root.reportsDir(opts.reports).resolve("sweep-" + id));
        print(root.out(), id, o, elapsed, s.threads, index);
        return 0;
    }

    /** The sweep's report, told that it was a search: its trials, and refusals that count as trials. */
    static StudyReport report(String id, Search.Outcome o, SequencedMap<String, String> manifest) {
        StudyReport r = StudyReports.sweep(id, o.sweep(), manifest);
        List<String> warnings = new ArrayList<>();
        for (String w : r.warnings()) {
            if (!w.contains("do not count as trials")) {
                warnings.add(w);
            }
        }
        if (!o.sweep().skipped().isEmpty()) {
            warnings.add(o.sweep().skipped().size() + " of the " + o.steps().size() + " trials were refused by the config"
                    + " (listed below); they count as trials in the deflated Sharpe ratio: the search tried them.");
        }
        if (o.exhausted()) {
            warnings.add("The " + o.method().label() + " search stopped after " + o.steps().size() + " of "
                    + o.trials() + " trials: it had no new point to propose.");
        }
        List<StudyReport.Block> blocks = new ArrayList<>(r.blocks());
        List<Column> cols = new ArrayList<>(List.of(new Column("trial", true), new Column("parameters", false),
                new Column("objective (mean Sharpe)", true), new Column("best so far", true)));
        List<List<Cell>> rows = new ArrayList<>();
        for (Search.Step s : o.steps()) {
            if (s.trial() == 0 || s.best() > o.steps().get(s.trial() - 1).best()
                    || Double.isNaN(o.steps().get(s.trial() - 1).best()) && !Double.isNaN(s.best())) {
                rows.add(List.of(Cell.of(s.trial() + 1, Metrics.Unit.COUNT), Cell.text(StudyReports.params(s.params())),
                        Cell.of(s.objective(), Metrics.Unit.RATIO), Cell.of(s.best(), Metrics.Unit.RATIO)));
            }
        }
        blocks.add(1, new StudyReport.Table("Search progress", o.describe() + ". The trials that improved on the best so"
                + " far; every trial is in search.csv.", cols, rows));
        List<StudyReport.CsvFile> csv = new ArrayList<>(r.csv());
        List<String> header = new ArrayList<>(List.of("trial", "point"));
        o.sweep().grid().axes().forEach(a -> header.add(a.path()));
        header.addAll(List.of("objective", "best", "refused", "stored"));
        List<List<Cell>> all = new ArrayList<>();
        for (Search.Step s : o.steps()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.of(s.trial(), Metrics.Unit.COUNT), Cell.of(s.point(), Metrics.Unit.COUNT)));
            s.params().values().forEach(v -> row.add(Cell.text(v)));
            row.addAll(List.of(Cell.of(s.objective(), Metrics.Unit.RATIO), Cell.of(s.best(), Metrics.Unit.RATIO),
                    Cell.text(Boolean.toString(s.refused())), Cell.text(Boolean.toString(s.stored()))));
            all.add(row);
        }
        csv.add(new StudyReport.CsvFile("search.csv", header, all));
        return new StudyReport(r.id(), "Search " + id, r.manifest(), warnings, blocks, csv);
    }

    static void print(PrintWriter out, String id, Search.Outcome o, long elapsedMs, int threads, Path index) {
        Sweep.Outcome sw = o.sweep();
        out.printf(Locale.ROOT, "sweep        %s%n", id);
        out.printf(Locale.ROOT, "search       %s%n", o.describe());
        out.printf(Locale.ROOT, "backtests    %d (%d configurations x %d seed(s)) in %.1f s on %d thread(s)%n",
                sw.trials().size(), sw.configs().size(), sw.seeds(), elapsedMs / 1000.0, threads);
        if (!sw.skipped().isEmpty()) {
            out.printf(Locale.ROOT, "refused      %d trials (they count in the deflated Sharpe ratio, N = %d)%n",
                    sw.skipped().size(), sw.configurations());
        }
        out.printf(Locale.ROOT, "top          %-8s %-8s %-9s %-9s %s%n", "Sharpe", "DSR", "return", "max DD", "parameters");
        for (int i = 0; i < Math.min(5, sw.ranking().size()); i++) {
            Sweep.ConfigSummary c = sw.ranking().get(i);
            out.printf(Locale.ROOT, "%-12s %-8.3f %-8.3f %-+9.2f %-9.2f %s%n", "#" + (i + 1), c.meanSharpe(),
                    c.meanDeflatedSharpe(), 100 * c.meanReturn(), 100 * c.meanMaxDrawdown(), StudyReports.params(c.params()));
        }
        out.printf(Locale.ROOT, "stored       sweeps / sweep_results, sweep_id = '%s' (phase 'search')%n", id);
        out.printf(Locale.ROOT, "report       %s%n", index);
        out.flush();
    }

    /** Runs, stores, reports and prints a walk-forward whose training windows search; returns the exit code. */
    static int walkForward(HyperTraderCli root, StudyOptions opts, Database db, StudySetup s, Search.Method method,
                           int trials, WalkForward.Objective obj, List<WalkForward.Window> windows, String train,
                           String test, boolean anchored, long now) throws java.io.IOException {
        List<String> flags = opts.params == null ? List.of() : opts.params;
        var space = Search.space(flags);
        String id = StudySetup.id(now, s.base.hash() + flags + train + test + obj + anchored + opts.seed + method + trials);
        long t0 = System.nanoTime();
        WalkForwardSearch.Outcome wo;
        try (StudyProgress p = new StudyProgress(root.err(), root.quiet(), "walkforward")) {
            wo = WalkForwardSearch.run(s.factory, new TrialRunner(s.factory, s.threads), space, method, trials, opts.seed,
                    obj, windows, s.candles.get(0).interval(), w -> new SearchTrialStore(db,
                            key(s, flags, null, windows.get(w).trainFrom(), windows.get(w).trainTo()), now), p);
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        WalkForward.Outcome o = wo.walkForward();
        SequencedMap<String, String> manifest = s.manifest("walkforward", id, flags, now);
        manifest.put("windows", windows.size() + (anchored ? " anchored" : " rolling") + ", train " + train + ", test "
                + test + ", objective " + obj.label());
        manifest.put("search", method.label() + ", " + trials + " trials per training window of " + String.format(Locale.ROOT,
                "%,d", space.size()) + " points; each window's backtests stored in search_trials under its own key");
        manifest.put("seed", Long.toString(opts.seed));
        List<SweepStore.ResultRow> rows = new ArrayList<>();
        int reused = 0;
        for (int w = 0; w < wo.searches().size(); w++) {
            Search.Outcome so = wo.searches().get(w);
            reused += so.reused();
            Sweep.Outcome sw = so.sweep();
            for (int i = 0; i < sw.trials().size(); i++) {
                TrialResult t = sw.trials().get(i);
                rows.add(new SweepStore.ResultRow(rows.size(), sw.configs().get(i).configIndex(), t.spec().params(),
                        t.spec().seed(), null, w, "train", t.spec().fromMs(), t.spec().toMs(), t.metrics(), Double.NaN));
            }
        }
        for (WalkForward.Step st : o.steps()) {
            TrialResult t = st.test();
            rows.add(new SweepStore.ResultRow(rows.size(), st.configIndex(), t.spec().params(), t.spec().seed(), null,
                    st.window().index(), "test", t.spec().fromMs(), t.spec().toMs(), t.metrics(), Double.NaN));
        }
        manifest.put("backtests", rows.size() + " (" + reused + " training backtests found stored) in "
                + String.format(Locale.ROOT, "%.1f s", elapsed / 1000.0));
        int tried = wo.searches().stream().mapToInt(x -> x.steps().size()).sum();
        new SweepStore(db).save(s.row(id, "walkforward", now, flags, 1, opts.seed, tried, rows.size(), Double.NaN, elapsed,
                manifest), rows);
        StudyReport r = StudyReports.walkForward(id, o, manifest);
        List<StudyReport.Block> blocks = new ArrayList<>();
        for (StudyReport.Block b : r.blocks()) {
            if (b instanceof StudyReport.Table t && t.caption().startsWith("Each training window runs all")) {
                b = new StudyReport.Table(t.heading(), "Each training window runs a " + method.label() + " search of "
                        + trials + " trials over the " + String.format(Locale.ROOT, "%,d", space.size()) + " points of the"
                        + " --param space; its best by " + obj.label() + " (ties: the first tried) is run on the following"
                        + " test window, which it never saw.", t.columns(), t.rows());
            }
            blocks.add(b);
        }
        Path index = StudyReportWriter.DEFAULT.write(new StudyReport(r.id(), r.title(), r.manifest(), r.warnings(), blocks,
                r.csv()), root.reportsDir(opts.reports).resolve("walkforward-" + id));
        PrintWriter out = root.out();
        Metrics m = o.metrics();
        out.printf(Locale.ROOT, "walkforward  %s%n", id);
        out.printf(Locale.ROOT, "windows      %d x %s search of %d trials (train %s, test %s, objective %s), %d backtests"
                        + " (%d stored before) in %.1f s%n", windows.size(), method.label(), trials, train, test, obj.label(),
                rows.size(), reused, elapsed / 1000.0);
        for (WalkForward.Step st : o.steps()) {
            out.printf(Locale.ROOT, "  #%-3d test %s  train %s %.3f -> test return %+.2f%%  Sharpe %.2f   %s%n",
                    st.window().index(), CliTimes.iso(st.window().testFrom()), obj.label(), st.trainObjective(),
                    100 * st.test().metrics().totalReturn(), st.test().metrics().sharpe(), StudyReports.params(st.params()));
        }
        out.printf(Locale.ROOT, "out of sample return %+.2f%%  Sharpe %.2f  max drawdown %.2f%%  (buy and hold %+.2f%%)%n",
                100 * m.returns().totalReturn(), m.returns().sharpe(), 100 * m.drawdown().maxDrawdown(),
                100 * m.buyHold().totalReturn());
        out.printf(Locale.ROOT, "report       %s%n", index);
        out.flush();
        return 0;
    }

    /** Checks the --search / --trials pair: both or neither. */
    static Search.Method method(String search, Integer trials) {
        if (search == null) {
            if (trials != null) {
                throw UserError.usage("--trials needs --search random|cmaes|tpe");
            }
            return null;
        }
        Search.Method m = Search.Method.parse(search);
        if (trials == null) {
            throw UserError.usage("--search " + m.label() + " needs --trials N (how many configurations to try)");
        }
        if (trials < 1) {
            throw UserError.usage("--trials must be >= 1, got " + trials);
        }
        return m;
    }
}
