package io.hypertrader.cli;

import io.hypertrader.backtest.lookahead.LookaheadCheck;
import io.hypertrader.backtest.sweep.ParamGrid;
import io.hypertrader.backtest.sweep.TrialSpec;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader lookahead}: does the strategy decide anything with data it could not have had? */
@Command(name = "lookahead", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lookahead check (freqtrade's lookahead-analysis): backtest the config's strategy on all the data,"
                + " then on the data cut after --points bars (the bars where it decided something first), and compare"
                + " every decision (orders, refusals, state transitions, risk events, fills) made before each cut. Any"
                + " difference is a leak of future data: it is printed with the decision input that differed first.",
                "Exit 0 when every decision is the same, 1 when one is not (as verify on a mismatch).",
                "Example: hypertrader lookahead --points 20"})
public final class LookaheadCommand implements Callable<Integer> {

    /** Leaks printed in full; the rest are counted. */
    static final int SHOWN = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    StudyOptions opts;

    @Option(names = "--points", paramLabel = "N", defaultValue = "" + LookaheadCheck.DEFAULT_POINTS,
            description = "Cuts to compare at (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        List<String> flags = opts.params == null ? List.of() : opts.params;
        ParamGrid grid = ParamGrid.parse(flags);
        if (grid.size() != 1) {
            throw UserError.usage("lookahead checks one configuration: give each --param one value (or use --set)");
        }
        if (points < 1) {
            throw UserError.usage("--points must be >= 1, got " + points);
        }
        try (Database db = Database.openExisting(root.dbPath(), StudySetup.dataFix(opts))) {
            StudySetup s = StudySetup.load(opts, db, root.network());
            long t0 = System.nanoTime();
            LookaheadCheck.Report r = LookaheadCheck.run(s.factory, TrialSpec.of(grid.point(0), opts.seed), points, s.threads);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            PrintWriter out = root.out();
            out.printf(Locale.ROOT, "lookahead    %s, %s %s, %d bars, %d cuts, %d decisions in the full run%n",
                    s.configPath, String.join(",", s.candles.stream().map(c -> c.coin().name()).toList()),
                    s.candles.get(0).interval().code(), r.bars(), r.cuts().size(), r.decisions());
            out.printf(Locale.ROOT, "backtests    %d in %.1f s on %d thread(s)%n", r.backtests(), ms / 1000.0, s.threads);
            for (int i = 0; i < Math.min(SHOWN, r.leaks().size()); i++) {
                print(out, r.leaks().get(i));
            }
            if (r.leaks().size() > SHOWN) {
                out.printf(Locale.ROOT, "  ... and %d more cuts with a changed decision%n", r.leaks().size() - SHOWN);
            }
            if (r.clean()) {
                out.printf(Locale.ROOT, "result       no lookahead: at all %d cuts every earlier decision is the same%n",
                        r.cuts().size());
            } else {
                out.printf(Locale.ROOT, "result       LOOKAHEAD: %d of %d cuts changed a decision made before the cut;"
                        + " the strategy reads data it could not have had%n", r.leaks().size(), r.cuts().size());
            }
            out.flush();
            return r.clean() ? 0 : 1;
        }
    }

    /** Decisions listed per cut, at most; the rest are counted. */
    static final int LISTED = 5;

    private static void list(PrintWriter out, String label, List<LookaheadCheck.Decision> ds) {
        for (int i = 0; i < Math.min(LISTED, ds.size()); i++) {
            LookaheadCheck.Decision d = ds.get(i);
            out.printf(Locale.ROOT, "  %-10s %s %s %s%n", label, CliTimes.iso(d.timeMs()), d.kind(), d.text());
        }
        if (ds.size() > LISTED) {
            out.printf(Locale.ROOT, "  %-10s ... and %d more%n", label, ds.size() - LISTED);
        }
    }

    static void print(PrintWriter out, LookaheadCheck.Leak l) {
        LookaheadCheck.Decision d = l.decision();
        out.printf(Locale.ROOT, "leak         cut after bar %d (data to %s): %s at %s differs (%d decisions differ)%n",
                l.cutBar(), CliTimes.iso(l.cutMs()), d.kind(), CliTimes.iso(d.timeMs()), l.differing());
        out.printf(Locale.ROOT, "  all data   %s%n", l.full() == null ? "(no such decision)" : l.full().text());
        out.printf(Locale.ROOT, "  cut data   %s%n", l.truncated() == null ? "(no such decision)" : l.truncated().text());
        list(out, "only all", l.onlyFull());
        list(out, "only cut", l.onlyCut());
        if (!l.exposes()) {
            out.printf(Locale.ROOT, "  inputs     the strategy exposes no decision inputs (DecisionInputs), so none is named%n");
        } else if (l.inputs().isEmpty()) {
            out.printf(Locale.ROOT, "  inputs     none of the strategy's decision inputs differs at a bar close before the cut%n");
        }
        for (LookaheadCheck.InputDiff x : l.inputs()) {
            out.printf(Locale.ROOT, "  input      %s after the %s bar of %s: %s with all data, %s with the cut data%n",
                    x.name(), x.coin(), CliTimes.iso(x.barOpenMs()), x.full(), x.truncated());
        }
    }
}
