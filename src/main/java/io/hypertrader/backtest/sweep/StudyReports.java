package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.Distribution;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.report.StudyReport;
import io.hypertrader.report.StudyReport.Card;
import io.hypertrader.report.StudyReport.Cell;
import io.hypertrader.report.StudyReport.Column;
import io.hypertrader.sim.PathMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * Turns sweep, Monte Carlo and walk-forward outcomes into {@link StudyReport}s: picks and orders
 * the figures (all computed by {@link Sweep}, {@link MonteCarlo}, {@link WalkForward} and
 * analytics), no new arithmetic beyond buy-and-hold scaling.
 */
public final class StudyReports {
    /** Configurations listed in the top table. */
    public static final int TOP = 10;

    private StudyReports() {
    }

    private static final Metrics.Unit PCT = Metrics.Unit.PERCENT, RATIO = Metrics.Unit.RATIO,
            PROB = Metrics.Unit.PROBABILITY, MONEY = Metrics.Unit.MONEY, COUNT = Metrics.Unit.COUNT;

    // ------------------------------------------------------------------ sweep

    public static StudyReport sweep(String id, Sweep.Outcome o, SequencedMap<String, String> manifest) {
        List<String> paths = o.grid().axes().stream().map(ParamAxis::path).toList();
        List<StudyReport.Block> blocks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Sweep.ConfigSummary best = o.ranking().get(0);
        blocks.add(new StudyReport.Cards("Summary", List.of(
                new Card("Configurations run", Cell.of(o.configurations(), COUNT),
                        o.trials().size() + " backtests (" + o.seeds() + " seed" + (o.seeds() == 1 ? "" : "s") + " each)"),
                new Card("Best mean Sharpe", Cell.of(best.meanSharpe(), RATIO), params(best.params())),
                new Card("Its deflated Sharpe", Cell.of(best.meanDeflatedSharpe(), PROB),
                        "P[true Sharpe > best of " + o.configurations() + " by luck]"),
                new Card("Its mean return", Cell.of(best.meanReturn(), PCT),
                        "max drawdown " + String.format(Locale.ROOT, "%.2f %%", best.meanMaxDrawdown() * 100)))));
        if (o.configurations() > 1) {
            warnings.add(String.format(Locale.ROOT, "The best of %d configurations looks better than it is: its Sharpe ratio"
                    + " is the maximum of %d noisy estimates. Judge it by the deflated Sharpe ratio (%.3f), the"
                    + " probability that its true Sharpe ratio beats what the best of %d worthless configurations would show.",
                    o.configurations(), o.configurations(), best.meanDeflatedSharpe(), o.configurations()));
            if (!(best.meanDeflatedSharpe() >= 0.95)) {
                warnings.add("The best configuration's deflated Sharpe ratio is below 0.95: this sweep does not show"
                        + " skill beyond what the number of configurations tried explains.");
            }
        }
        if (!o.skipped().isEmpty()) {
            warnings.add(o.skipped().size() + " configurations were rejected by the config and not run (listed below);"
                    + " they do not count as trials.");
        }
        // Both heatmaps are coloured on a scale centred on zero, and a configuration that lost money on
        // average is never drawn green: the Sharpe ratio of simple returns can be positive while equity
        // shrinks at high volatility, so the Sharpe map shows the log-return Sharpe ratio (its sign is the
        // return's) and caps the colour of any losing cell at white.
        Sweep.Heatmap h = Sweep.heatmap(o, "mean Sharpe of log returns", Sweep.ConfigSummary::meanSharpeLog);
        if (h != null) {
            ParamAxis ax = axis(o, h.xPath()), ay = axis(o, h.yPath());
            blocks.add(new StudyReport.Heatmap("Mean Sharpe ratio of log returns over " + h.xPath() + " and " + h.yPath(),
                    "Annualised Sharpe ratio of log returns per configuration, mean over seeds" + (h.bestOfOthers()
                            ? "; each cell is the best over the other parameters" : "") + ". Red below 0, green above;"
                            + " a configuration that lost money on average is never green (* marks a positive Sharpe"
                            + " ratio with a losing mean return). Grey: not run.",
                    "heatmap.png", h.xPath(), ax.values(), h.yPath(), ay.values(), h.z(), "Sharpe (log returns)", RATIO,
                    h.meanReturn()));
            Sweep.Heatmap hr = Sweep.heatmap(o, "mean total return", Sweep.ConfigSummary::meanReturn);
            blocks.add(new StudyReport.Heatmap("Mean total return over " + hr.xPath() + " and " + hr.yPath(),
                    "Total return per configuration, mean over seeds" + (hr.bestOfOthers()
                            ? "; each cell is the best over the other parameters" : "") + ". Red: money lost, green:"
                            + " money made, white: zero. Grey: not run.",
                    "heatmap-return.png", hr.xPath(), ax.values(), hr.yPath(), ay.values(), hr.z(), "total return",
                    PCT, hr.meanReturn()));
        }
        if (!o.ranking().isEmpty() && o.ranking().get(0).meanReturn() < 0) {
            warnings.add("The configuration ranked first by mean Sharpe ratio lost money on average ("
                    + String.format(Locale.ROOT, "%+.2f %%", o.ranking().get(0).meanReturn() * 100) + "): its Sharpe"
                    + " ratio of simple returns is positive at high volatility while equity shrank. Read the log-return"
                    + " Sharpe ratio and the return columns.");
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("#", true));
        paths.forEach(p -> cols.add(new Column(p, true)));
        for (String c : List.of("mean Sharpe", "mean Sharpe (log)", "deflated Sharpe", "PSR", "mean return",
                "mean max DD", "worst max DD", "round trips", "pooled capture")) {
            cols.add(new Column(c, true));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(TOP, o.ranking().size()); i++) {
            Sweep.ConfigSummary c = o.ranking().get(i);
            List<Cell> row = new ArrayList<>();
            row.add(Cell.of(i + 1, COUNT));
            c.params().values().forEach(v -> row.add(Cell.text(v)));
            row.add(Cell.of(c.meanSharpe(), RATIO));
            row.add(Cell.of(c.meanSharpeLog(), RATIO));
            row.add(Cell.of(c.meanDeflatedSharpe(), PROB));
            row.add(Cell.of(c.meanPsr(), PROB));
            row.add(Cell.of(c.meanReturn(), PCT));
            row.add(Cell.of(c.meanMaxDrawdown(), PCT));
            row.add(Cell.of(c.worstMaxDrawdown(), PCT));
            row.add(Cell.of(c.meanTrades(), RATIO));
            row.add(Cell.of(c.meanCapturePooled(), PCT));
            rows.add(row);
        }
        blocks.add(new StudyReport.Table("Top configurations", String.format(Locale.ROOT, "Ranked by mean annualised"
                + " Sharpe ratio over %d seed(s). Deflated Sharpe: N = %d configurations, V = %s (variance of their"
                + " per-bar Sharpe ratios). All %d backtests are in results.csv and the sweep_results table.",
                o.seeds(), o.configurations(), Double.isNaN(o.sharpeVariance()) ? "n/a"
                        : String.format(Locale.ROOT, "%.3g", o.sharpeVariance()), o.trials().size()), cols, rows));
        if (!o.skipped().isEmpty()) {
            List<List<Cell>> sk = new ArrayList<>();
            for (Sweep.Skipped s : o.skipped()) {
                sk.add(List.of(Cell.text(params(s.params())), Cell.text(s.reason())));
            }
            blocks.add(new StudyReport.Table("Rejected configurations", "", List.of(new Column("parameters", false),
                    new Column("reason", false)), sk));
        }
        List<String> header = new ArrayList<>(List.of("trial", "config", "seed"));
        header.addAll(paths);
        header.addAll(METRIC_HEADER);
        header.add("deflated_sharpe");
        List<List<Cell>> csv = new ArrayList<>();
        for (int i = 0; i < o.trials().size(); i++) {
            TrialResult t = o.trials().get(i);
            List<Cell> row = new ArrayList<>(List.of(Cell.of(t.index(), COUNT),
                    Cell.of(o.configs().get(i / o.seeds()).configIndex(), COUNT), Cell.of(t.spec().seed(), COUNT)));
            t.spec().params().values().forEach(v -> row.add(Cell.text(v)));
            row.addAll(metricCells(t.metrics()));
            row.add(Cell.of(o.deflatedSharpe()[i], PROB));
            csv.add(row);
        }
        return new StudyReport(id, "Sweep " + id, manifest, warnings, blocks,
                List.of(new StudyReport.CsvFile("results.csv", header, csv)));
    }

    private static ParamAxis axis(Sweep.Outcome o, String path) {
        return o.grid().axes().stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow();
    }

    static final List<String> METRIC_HEADER = List.of("final_equity", "total_return", "sharpe", "sortino", "max_drawdown",
            "psr", "trades", "win_rate", "cycles", "capture_pooled", "fees", "funding", "slippage", "fills", "rejected",
            "liquidations", "event_log_sha256", "sharpe_log");

    static List<Cell> metricCells(TrialMetrics m) {
        return List.of(Cell.of(m.finalEquity(), MONEY), Cell.of(m.totalReturn(), PCT), Cell.of(m.sharpe(), RATIO),
                Cell.of(m.sortino(), RATIO), Cell.of(m.maxDrawdown(), PCT), Cell.of(m.psr(), PROB),
                Cell.of(m.trades(), COUNT), Cell.of(m.winRate(), PCT), Cell.of(m.cycles(), COUNT),
                Cell.of(m.capturePooled(), PCT), Cell.of(m.fees(), MONEY), Cell.of(m.funding(), MONEY),
                Cell.of(m.slippage(), MONEY), Cell.of(m.fills(), COUNT), Cell.of(m.rejected(), COUNT),
                Cell.of(m.liquidations(), COUNT), Cell.text(m.eventLogSha256()), Cell.of(m.sharpeLog(), RATIO));
    }

    /** A parameter set as {@code key=value} pairs separated by spaces, for tables and the console. */
    public static String params(SequencedMap<String, String> p) {
        if (p.isEmpty()) {
            return "(the config as it is)";
        }
        List<String> parts = new ArrayList<>();
        p.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    // ------------------------------------------------------------------ Monte Carlo

    public static StudyReport monteCarlo(String id, MonteCarlo.Outcome o, SequencedMap<String, String> manifest) {
        List<StudyReport.Block> blocks = new ArrayList<>();
        MonteCarlo.PathInterval pi = o.pnl();
        PathMode first = o.modes().get(0);
        Distribution fin = o.finalEquity().get(first);
        blocks.add(new StudyReport.Cards("Summary", List.of(
                new Card("P&L, worst path mode", Cell.of(pi.worstDist().median(), MONEY), "median over seeds"),
                new Card("P&L, median path mode", Cell.of(pi.medianDist().median(), MONEY), "median over seeds"),
                new Card("P&L, best path mode", Cell.of(pi.bestDist().median(), MONEY), "median over seeds"),
                new Card("Final equity (" + first.label() + ")", Cell.of(fin.median(), MONEY),
                        String.format(Locale.ROOT, "5-95 %%: %.2f .. %.2f over %d seeds", fin.p05(), fin.p95(), fin.n())))));
        List<Column> cols = List.of(new Column("path mode", false), new Column("final equity 5 %", true),
                new Column("25 %", true), new Column("median", true), new Column("75 %", true), new Column("95 %", true),
                new Column("mean", true), new Column("max DD median", true), new Column("max DD 95 %", true),
                new Column("Sharpe median", true), new Column("Sharpe 5 %", true));
        List<List<Cell>> rows = new ArrayList<>();
        for (PathMode m : o.modes()) {
            Distribution f = o.finalEquity().get(m), d = o.maxDrawdown().get(m), s = o.sharpe().get(m);
            rows.add(List.of(Cell.text(m.label()), Cell.of(f.p05(), MONEY), Cell.of(f.p25(), MONEY),
                    Cell.of(f.median(), MONEY), Cell.of(f.p75(), MONEY), Cell.of(f.p95(), MONEY), Cell.of(f.mean(), MONEY),
                    Cell.of(d.median(), PCT), Cell.of(d.p95(), PCT), Cell.of(s.median(), RATIO), Cell.of(s.p05(), RATIO)));
        }
        blocks.add(new StudyReport.Table("Distribution over seeds, per path mode", "Quantiles (type 7) over "
                + o.seeds() + " seeds of the final equity (USDC), the max drawdown and the annualised Sharpe ratio.",
                cols, rows));
        List<List<Cell>> iv = new ArrayList<>();
        for (String[] r : new String[][]{{"worst", "w"}, {"median", "m"}, {"best", "b"}}) {
            Distribution d = r[1].equals("w") ? pi.worstDist() : r[1].equals("m") ? pi.medianDist() : pi.bestDist();
            iv.add(List.of(Cell.text(r[0]), Cell.of(d.p05(), MONEY), Cell.of(d.median(), MONEY), Cell.of(d.p95(), MONEY),
                    Cell.of(d.mean(), MONEY)));
        }
        blocks.add(new StudyReport.Table("P&L interval over the path modes", "Per seed, the P&L (USDC) of the worst,"
                + " median and best of the " + o.modes().size() + " path modes; summarised over seeds.",
                List.of(new Column("path mode outcome", false), new Column("5 %", true), new Column("median", true),
                        new Column("95 %", true), new Column("mean", true)), iv));
        MonteCarlo.Fan fan = o.fan();
        blocks.add(new StudyReport.Fan("Equity fan over seeds (" + fan.mode().label() + ")", "Equity quantiles across "
                + o.seeds() + " seeds at each bar close, path mode " + fan.mode().label() + ", on a log scale (equal"
                + " heights are equal returns).", "fan.png", fan.time(), fan.levels(), fan.bands(), "equity (USDC)",
                StudyReport.Scale.LOG));
        blocks.add(new StudyReport.Fan("Spread across seeds (" + fan.mode().label() + ")", "The same quantiles as a"
                + " fraction above or below the median at each mark: how far the simulator's draws (latency, slippage,"
                + " partial fills) alone move the equity.", "fan-spread.png", fan.time(), fan.levels(),
                spread(fan.bands()), "distance from the median", StudyReport.Scale.PERCENT));
        if (o.firstSeed().size() > 1) {
            List<StudyReport.Series> lines = new ArrayList<>();
            o.firstSeed().forEach((mode, eq) -> lines.add(new StudyReport.Series(mode.label(), eq)));
            blocks.add(new StudyReport.Lines("Equity under each path mode (seed " + o.baseSeed() + ")", "The same"
                    + " config, data and seed under each intrabar path assumption, on a log scale: the path interval"
                    + " as it builds up over the run.", "paths.png", fan.time(), lines, "equity (USDC)", false,
                    StudyReport.Scale.LOG));
        }
        List<String> header = new ArrayList<>(List.of("trial", "seed", "path_mode"));
        header.addAll(METRIC_HEADER);
        List<List<Cell>> csv = new ArrayList<>();
        for (TrialResult t : o.trials()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.of(t.index(), COUNT), Cell.of(t.spec().seed(), COUNT),
                    Cell.text(t.spec().path().label())));
            row.addAll(metricCells(t.metrics()));
            csv.add(row);
        }
        List<String> warnings = new ArrayList<>();
        if (o.seeds() < 20) {
            warnings.add("Only " + o.seeds() + " seeds: the 5 % and 95 % quantiles are interpolated between few"
                    + " outcomes; use --seeds 50 or more for tails.");
        }
        return new StudyReport(id, "Monte Carlo " + id, manifest, warnings, blocks,
                List.of(new StudyReport.CsvFile("trials.csv", header, csv)));
    }

    /** Each band relative to the median band at the same mark: q_t / median_t - 1 (NaN where the median is 0). */
    static double[][] spread(double[][] bands) {
        int mid = bands.length / 2;
        double[][] out = new double[bands.length][];
        for (int q = 0; q < bands.length; q++) {
            out[q] = new double[bands[q].length];
            for (int t = 0; t < bands[q].length; t++) {
                double m = bands[mid][t];
                out[q][t] = m != 0 ? bands[q][t] / m - 1 : Double.NaN;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ walk-forward

    public static StudyReport walkForward(String id, WalkForward.Outcome o, SequencedMap<String, String> manifest) {
        List<StudyReport.Block> blocks = new ArrayList<>();
        Metrics m = o.metrics();
        blocks.add(new StudyReport.Cards("Out-of-sample (stitched test windows)", List.of(
                new Card("Return", Cell.of(m.returns().totalReturn(), PCT), "buy and hold "
                        + String.format(Locale.ROOT, "%.2f %%", m.buyHold().totalReturn() * 100)),
                new Card("Sharpe", Cell.of(m.returns().sharpe(), RATIO), String.format(Locale.ROOT,
                        "95 %% [%.2f, %.2f]", m.significance().sharpeInterval().lower(), m.significance().sharpeInterval().upper())),
                new Card("Max drawdown", Cell.of(m.drawdown().maxDrawdown(), PCT), "buy and hold "
                        + String.format(Locale.ROOT, "%.2f %%", m.buyHold().maxDrawdown() * 100)),
                new Card("P[Sharpe > 0]", Cell.of(m.significance().probabilisticSharpe(), PROB),
                        o.steps().size() + " windows, objective " + o.objective().label()))));
        // buy and hold over the stitched marks: the coin's price scaled to the initial equity
        double[] bh = new double[o.time().length];
        double e0 = o.equity()[0];
        List<Double> prices = new ArrayList<>();
        for (WalkForward.Step s : o.steps()) {
            TrialResult.Curve c = s.test().curve();
            for (int j = prices.isEmpty() ? 0 : 1; j < c.price().length; j++) {
                prices.add(c.price()[j]);
            }
        }
        for (int i = 0; i < bh.length && i < prices.size(); i++) {
            bh[i] = e0 * prices.get(i) / prices.get(0);
        }
        blocks.add(new StudyReport.Lines("Out-of-sample equity", "Test windows stitched end to end (each window's"
                + " equity compounded onto the previous one), against buying the coin over the same marks.",
                "oos-equity.png", o.time(), List.of(new StudyReport.Series("walk-forward (out of sample)", o.equity()),
                new StudyReport.Series("buy and hold", bh)), "equity (USDC)", false));
        List<String> paths = o.grid().axes().stream().map(ParamAxis::path).toList();
        List<Column> cols = new ArrayList<>(List.of(new Column("window", true), new Column("train from", false),
                new Column("test from", false), new Column("test to", false)));
        paths.forEach(p -> cols.add(new Column(p, true)));
        cols.addAll(List.of(new Column("train " + o.objective().label(), true), new Column("test return", true),
                new Column("test Sharpe", true), new Column("test max DD", true), new Column("test round trips", true)));
        List<List<Cell>> rows = new ArrayList<>();
        for (WalkForward.Step s : o.steps()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.of(s.window().index(), COUNT),
                    Cell.of(s.window().trainFrom(), Metrics.Unit.TIME), Cell.of(s.window().testFrom(), Metrics.Unit.TIME),
                    Cell.of(s.window().testTo(), Metrics.Unit.TIME)));
            s.params().values().forEach(v -> row.add(Cell.text(v)));
            TrialMetrics t = s.test().metrics();
            row.addAll(List.of(Cell.of(s.trainObjective(), o.objective() == WalkForward.Objective.RETURN ? PCT : RATIO),
                    Cell.of(t.totalReturn(), PCT), Cell.of(t.sharpe(), RATIO), Cell.of(t.maxDrawdown(), PCT),
                    Cell.of(t.trades(), COUNT)));
            rows.add(row);
        }
        blocks.add(new StudyReport.Table("Windows: chosen parameters and out-of-sample results", "Each training window"
                + " runs all " + o.grid().size() + " configurations; the best by " + o.objective().label()
                + " (ties: first in grid order) is run on the following test window, which it never saw.", cols, rows));
        List<String> header = new ArrayList<>(List.of("window", "train_from_ms", "train_to_ms", "test_from_ms", "test_to_ms"));
        header.addAll(paths);
        header.add("train_objective");
        header.addAll(METRIC_HEADER);
        List<List<Cell>> csv = new ArrayList<>();
        for (WalkForward.Step s : o.steps()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.of(s.window().index(), COUNT), Cell.of(s.window().trainFrom(), COUNT),
                    Cell.of(s.window().trainTo(), COUNT), Cell.of(s.window().testFrom(), COUNT),
                    Cell.of(s.window().testTo(), COUNT)));
            s.params().values().forEach(v -> row.add(Cell.text(v)));
            row.add(Cell.of(s.trainObjective(), RATIO));
            row.addAll(metricCells(s.test().metrics()));
            csv.add(row);
        }
        List<String> warnings = new ArrayList<>(m.warnings());
        return new StudyReport(id, "Walk-forward " + id, manifest, warnings, blocks,
                List.of(new StudyReport.CsvFile("windows.csv", header, csv)));
    }
}
