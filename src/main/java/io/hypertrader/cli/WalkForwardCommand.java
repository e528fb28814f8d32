package io.hypertrader.cli;

import io.hypertrader.analytics.Metrics;
import io.hypertrader.backtest.sweep.ParamGrid;
import io.hypertrader.backtest.sweep.StudyReports;
import io.hypertrader.store.SweepStore;
import io.hypertrader.backtest.sweep.TrialResult;
import io.hypertrader.backtest.sweep.WalkForward;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.concurrent.Callable;

/** {@code hypertrader walkforward}: optimise on rolling training windows, test on the windows after them. */
@Command(name = "walkforward", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk-forward: on each --train window run the --param grid and pick the best configuration by "
                + "--objective (default sharpe); run it on the following --test window; stitch the test windows into one "
                + "out-of-sample equity curve. Stored in DuckDB (kind walkforward) and written to reports/walkforward-<id>/.",
                "Example: hypertrader walkforward --train 60d --test 14d --param strategy.levels.hedge=0.20:0.30:0.02"})
public final class WalkForwardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StudyOptions opts;

    @Option(names = "--train", paramLabel = "DURATION", required = true, description = "Training window, e.g. 60d, 12h, 2w.")
    String train;

    @Option(names = "--test", paramLabel = "DURATION", required = true, description = "Test window, e.g. 14d; windows roll by it.")
    String test;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "sharpe",
            description = "What a training window maximises: sharpe (default), return, sortino, calmar.")
    String objective;

    @Option(names = "--anchored", description = "Every training window starts at the first bar (default: rolling).")
    boolean anchored;

    @Option(names = "--search", paramLabel = "random|cmaes|tpe",
            description = "Search each training window instead of running the whole --param grid (needs --trials);"
                    + " deterministic from --seed, resumable.")
    String search;

    @Option(names = "--trials", paramLabel = "N", description = "With --search: configurations tried per training window.")
    Integer trials;

    @Override
    public Integer call() throws IOException {
        HyperTraderCli root = HyperTraderCli.root(spec);
        List<String> flags = opts.params == null ? List.of() : opts.params;
        io.hypertrader.backtest.sweep.Search.Method method = SearchStudy.method(search, trials);
        ParamGrid grid = method != null ? io.hypertrader.backtest.sweep.Search.space(flags) : ParamGrid.parse(flags);
        Duration tr = WalkForward.duration("--train", train);
        Duration te = WalkForward.duration("--test", test);
        WalkForward.Objective obj = WalkForward.Objective.parse(objective);
        long now = System.currentTimeMillis();
        try (Database db = Database.openExisting(root.dbPath(), StudySetup.dataFix(opts));
             StudyEngine engine = StudyEngine.none(opts, root)) {
            StudySetup s = StudySetup.load(opts, db, root.network());
            if (s.candles.size() != 1) {
                throw UserError.usage("walkforward runs single-coin configs; " + s.configPath + " trades "
                        + s.candles.size() + " coins");
            }
            List<WalkForward.Window> windows = WalkForward.windows(s.candles.get(0), tr, te, anchored);
            if (method != null) {
                if (!"local".equals(opts.engine)) {
                    throw UserError.usage("--search runs its trials on the local pool (each batch depends on the last);"
                            + " --engine " + opts.engine + " is for grids: drop one of the two");
                }
                return SearchStudy.walkForward(root, opts, db, s, method, trials, obj, windows, train, test, anchored, now);
            }
            String what = s.base.hash() + flags + train + test + obj + anchored + opts.seed;
            String id = engine.start(s, db, "walkforward", what, StudySetup.id(now, what));
            long t0 = System.nanoTime();
            WalkForward.Outcome o;
            try (StudyProgress p = new StudyProgress(root.err(), root.quiet(), "walkforward")) {
                o = WalkForward.run(s.factory, engine.engine(), grid, opts.seed, obj, windows,
                        s.candles.get(0).interval(), p);
            }
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            SequencedMap<String, String> manifest = s.manifest("walkforward", id, flags, now);
            manifest.put("windows", windows.size() + (anchored ? " anchored" : " rolling") + ", train " + train + ", test "
                    + test + ", objective " + obj.label());
            manifest.put("seed", Long.toString(opts.seed));
            manifest.put("engine", engine.describe());
            int total = o.trainTrials().size() + o.steps().size();
            manifest.put("backtests", total + " in " + String.format(Locale.ROOT, "%.1f s", elapsed / 1000.0));
            List<SweepStore.ResultRow> rows = new ArrayList<>();
            int n = grid.size();
            for (TrialResult t : o.trainTrials()) {
                int w = t.index() / n;
                rows.add(new SweepStore.ResultRow(rows.size(), t.index() % n, t.spec().params(), t.spec().seed(), null, w,
                        "train", t.spec().fromMs(), t.spec().toMs(), t.metrics(), Double.NaN));
            }
            for (WalkForward.Step st : o.steps()) {
                TrialResult t = st.test();
                rows.add(new SweepStore.ResultRow(rows.size(), st.configIndex(), t.spec().params(), t.spec().seed(), null,
                        st.window().index(), "test", t.spec().fromMs(), t.spec().toMs(), t.metrics(), Double.NaN));
            }
            new SweepStore(db).save(s.row(id, "walkforward", now, flags, 1, opts.seed, n, total, Double.NaN, elapsed,
                    manifest), rows);
            Path index = StudyReportWriter.DEFAULT.write(StudyReports.walkForward(id, o, manifest),
                    root.reportsDir(opts.reports).resolve("walkforward-" + id));
            PrintWriter out = root.out();
            Metrics m = o.metrics();
            out.printf(Locale.ROOT, "walkforward  %s%n", id);
            out.printf(Locale.ROOT, "windows      %d x %d configurations (train %s, test %s, objective %s), %d backtests in %.1f s%n",
                    windows.size(), n, train, test, obj.label(), total, elapsed / 1000.0);
            for (WalkForward.Step st : o.steps()) {
                out.printf(Locale.ROOT, "  #%-3d test %s  train %s %.3f -> test return %+.2f%%  Sharpe %.2f   %s%n",
                        st.window().index(), CliTimes.iso(st.window().testFrom()), obj.label(), st.trainObjective(),
                        100 * st.test().metrics().totalReturn(), st.test().metrics().sharpe(),
                        StudyReports.params(st.params()));
            }
            out.printf(Locale.ROOT, "out of sample return %+.2f%%  Sharpe %.2f  max drawdown %.2f%%  (buy and hold %+.2f%%)%n",
                    100 * m.returns().totalReturn(), m.returns().sharpe(), 100 * m.drawdown().maxDrawdown(),
                    100 * m.buyHold().totalReturn());
            out.printf(Locale.ROOT, "report       %s%n", index);
            out.flush();
        }
        return 0;
    }
}
