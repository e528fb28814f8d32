package io.hypertrader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.store.BacktestJob;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.analytics.AnalysisOptions;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.PathInterval;
import io.hypertrader.analytics.TradeTables;
import io.hypertrader.store.RunStore;
import io.hypertrader.backtest.analysis.CycleLevels;
import io.hypertrader.backtest.analysis.PathIntervals;
import io.hypertrader.store.ReportService;
import io.hypertrader.backtest.analysis.RunAdapter;
import io.hypertrader.report.MetricsJson;
import io.hypertrader.report.ReportData;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.CandleFiles;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.SeriesSources;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hypertrader backtest}: runs a strategy config on stored candles through the simulator and stores the run.
 *
 * <p><b>One file (about 440 lines).</b> Most of it is the command's options, each with its help
 * text, and their checks; the run itself is {@code store.BacktestJob}.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backtest a strategy config on the candles (and funding) in the database, through the execution "
                + "simulator; store the run (orders, fills, equity, cycles) and print a summary.",
                "Without arguments: config/fib-hedge.yaml on BTC 1h, realistic profile, seed 1."})
public final class BacktestCommand implements Callable<Integer> {

    static final String DEFAULT_CONFIG = "config/fib-hedge.yaml";
    static final String SHIPPED_DATASET = "datasets/synthetic-btc-1h.csv";
    static final String SHIPPED_IMPORT = "hypertrader data import " + SHIPPED_DATASET + " --coin BTC --interval 1h";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Strategy config (default: " + DEFAULT_CONFIG + ").")
    Path config;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--profile", paramLabel = "ideal|seed|realistic",
            description = "Simulator profile (default: realistic; the base of --sim).")
    String profile;

    @Option(names = "--sim", paramLabel = "FILE", description = "Simulator config file (fields override its profile).")
    Path sim;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed of the simulator (default: 1).")
    long seed;

    @Option(names = "--path", paramLabel = "MODE",
            description = "Bar path: bullish-low-first (default), high-first, low-first, worst-case.")
    String path;

    @Option(names = "--detail", paramLabel = "INTERVAL",
            description = "Replay each bar through the stored finer candles of INTERVAL of the same coin (e.g. 1m inside"
                    + " 1h; freqtrade's --timeframe-detail); a bar without all of them replays its own path. Funding,"
                    + " ADV and the strategy's bar closes stay on the main interval.")
    String detail;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--no-report", description = "Do not write the HTML/PNG report (default: write it into REPORTS/<run-id>/).")
    boolean noReport;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Folder of run reports (default: $HYPERTRADER_REPORTS or reports).")
    Path reports;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        Map<String, String> overrides = selection.overrides();
        Path cfgPath = config != null ? config : Path.of(DEFAULT_CONFIG);
        if (config == null && !Files.exists(cfgPath)) {
            throw UserError.usage("no --config given and " + DEFAULT_CONFIG + " does not exist here; run from the project"
                    + " folder or pass --config FILE");
        }
        StrategyConfig cfg = ConfigLoader.load(cfgPath, overrides);
        selection.checkCoinFits(cfg, cfgPath);
        Map<String, String> simOverrides = new LinkedHashMap<>();
        if (path != null) {
            try {
                simOverrides.put("path", PathMode.parse(path).label());
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--path: " + e.getMessage());
            }
        }
        String prof = profile == null ? null : profile.trim().toLowerCase(Locale.ROOT);
        if (prof != null && !List.of("ideal", "seed", "realistic").contains(prof)) {
            throw UserError.usage("--profile '" + profile + "': expected ideal, seed or realistic");
        }
        SimConfig simConfig = sim != null ? ConfigLoader.loadSim(sim, prof, simOverrides)
                : ConfigLoader.simProfile(prof == null ? "realistic" : prof, simOverrides);
        long fromMs = selection.fromMs();
        long toMs = selection.toMs();
        Interval detailInterval = null;
        if (detail != null) {
            try {
                detailInterval = Interval.parse(detail.trim());
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--detail '" + detail + "': " + e.getMessage());
            }
        }
        long now = System.currentTimeMillis(); // the CLI's clock: run id and created_at only, never the engine
        String prefix = "bt-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
                .format(Instant.ofEpochMilli(now).atOffset(ZoneOffset.UTC));
        String fix = CliArgs.fixCommand(cfg.coins().get(0), cfg.strategy().interval());
        if (cfg.coins().get(0).name().equals("BTC") && cfg.strategy().interval().code().equals("1h")
                && Files.exists(Path.of(SHIPPED_DATASET))) {
            fix = SHIPPED_IMPORT + " (or: hypertrader fetch --coin BTC --interval 1h)";
        }
        if (fix.startsWith(SHIPPED_IMPORT) && fromMs == Long.MIN_VALUE && toMs == Long.MAX_VALUE) {
            importShippedDatasetIfMissing(root);
        }
        if (!noReport) {
            TradeTables.warmUp();
        }
        BacktestJob.Outcome o;
        Path report = null;
        Summary summary;
        try (Database db = Database.openExisting(root.dbPath(), fix)) {
            o = BacktestJob.runAndStore(db, root.network(), cfg, simConfig, seed, fromMs, toMs, VersionProvider.version(),
                    now, prefix, detailInterval);
            // the same run under the other three intrabar path modes: how much the unknown order of a
            // bar's high and low decides the result (stored with the run, shown everywhere)
            PathInterval pi = PathIntervals.of(cfg, o.inputs().series(), o.inputs().funding(), o.inputs().grids(),
                    o.inputs().detail(), simConfig, seed, o.result());
            new RunStore(db).savePathInterval(o.manifest().runId(), pi);
            summary = Summary.of(db, o, cfg, pi);
            if (!noReport) {
                report = ReportService.writeFor(db, o.manifest(), o.result(), pi, root.reportsDir(reports));
            }
        } catch (UserError e) {
            if (e.kind() == UserError.Kind.DATA_MISSING && fix.startsWith(SHIPPED_IMPORT) && !e.getMessage().contains(SHIPPED_IMPORT)) {
                throw UserError.dataMissing(e.getMessage() + "; the shipped dataset: " + SHIPPED_IMPORT);
            }
            throw e;
        }
        PrintWriter out = root.out();
        if (json) {
            out.println(toJson(o, cfg, summary));
        } else {
            printTable(out, o, cfg, summary);
            if (report != null) {
                out.printf(Locale.ROOT, "report       %s%n", report);
            }
        }
        if (json && report != null && !root.quiet()) {
            root.err().println("report: " + report);
            root.err().flush();
        }
        out.flush();
        return 0;
    }

    /**
     * The main job must work on a fresh clone: when the database has no BTC 1h candles at all, the
     * default backtest imports the shipped synthetic dataset first (labelled source "synthetic")
     * and says so. A series that exists, whatever its source, is never touched.
     */
    private static void importShippedDatasetIfMissing(HyperTraderCli root) {
        Coin btc = Coin.of("BTC");
        try (Database db = Database.open(root.dbPath())) {
            CandleStore store = new CandleStore(db, InstantSource.system());
            if (store.summary(btc, Interval.H1).isPresent()) {
                return;
            }
            CandleFiles.Parsed parsed = CandleFiles.read(Path.of(SHIPPED_DATASET), btc, Interval.H1, System.currentTimeMillis());
            CandleStore.UpsertResult r = store.upsert(btc, Interval.H1, parsed.candles(), "synthetic", SeriesSources.IMPORT, null);
            if (!root.quiet()) {
                root.err().printf(Locale.ROOT, "note: %s had no BTC 1h candles; imported the shipped synthetic dataset %s (%d bars,"
                        + " source 'synthetic'). For real data: hypertrader data delete --coin BTC --interval 1h"
                        + " && hypertrader fetch --coin BTC --interval 1h%n", root.dbPath(), SHIPPED_DATASET, r.rows());
                root.err().flush();
            }
        }
    }

    /**
     * What the summary adds to the engine's own figures: the point estimates of the metrics (the
     * two Sharpe ratios, the CAGR, the warnings), the path interval and the candles' source.
     */
    record Summary(Metrics metrics, PathInterval pathInterval, String dataSource) {
        static Summary of(Database db, BacktestJob.Outcome o, StrategyConfig cfg, PathInterval pi) {
            Map<Coin, CycleLevels> levels = new LinkedHashMap<>();
            for (FibHedgeParams p : cfg.perCoin()) {
                levels.put(p.coin(), CycleLevels.of(p));
            }
            Metrics m = new RunAdapter(o.result(), o.inputs().series(), levels)
                    .metrics(AnalysisOptions.pointEstimates(o.result().seed()));
            CandleStore store = new CandleStore(db, InstantSource.system());
            List<String> sources = new ArrayList<>();
            for (Coin c : o.result().coins()) {
                String src = store.source(c, cfg.strategy().interval()).orElse("unknown");
                if (!sources.contains(src)) {
                    sources.add(src);
                }
            }
            return new Summary(m, pi, String.join(", ", sources));
        }

        boolean synthetic() {
            return dataSource.toLowerCase(Locale.ROOT).contains(ReportData.SYNTHETIC);
        }
    }

    static String toJson(BacktestJob.Outcome o, StrategyConfig cfg, Summary sum) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        BacktestResult r = o.result();
        BacktestResult.Summary s = r.summary();
        ObjectNode n = m.createObjectNode();
        n.put("run_id", o.manifest().runId());
        n.put("config_name", cfg.name());
        n.put("config_hash", cfg.hash());
        n.put("seed", r.seed());
        n.put("profile", r.sim().profile());
        n.put("path", r.sim().path().label());
        ArrayNode coins = n.putArray("coins");
        r.coins().forEach(c -> coins.add(c.name()));
        n.put("interval", cfg.strategy().interval().code());
        n.put("from", CliTimes.iso(r.fromMs()));
        n.put("to", CliTimes.iso(r.toMs()));
        n.put("from_ms", r.fromMs());
        n.put("to_ms", r.toMs());
        n.put("row_count", r.rows());
        n.put("event_log_sha256", r.eventLogSha256());
        n.put("initial_equity", s.initialEquity());
        n.put("final_equity", s.finalEquity());
        n.put("total_return", s.totalReturn());
        n.put("max_drawdown", s.maxDrawdown());
        n.put("trade_count", s.fillCount());
        n.put("order_count", s.orderCount());
        n.put("rejected_count", s.rejectedCount());
        n.put("cancelled_count", s.cancelledCount());
        n.put("fees", s.fees());
        n.put("funding", s.funding());
        n.put("slippage_cost", s.slippage());
        n.put("price_pnl", s.pricePnl());
        n.put("ledger_residual", s.ledgerResidual());
        n.put("traded_notional", s.tradedNotional());
        n.put("liquidations", s.liquidations());
        n.put("risk_refused_count", r.refusedOrders().size());
        n.put("risk_event_count", s.riskEvents());
        n.put("risk_refused_time_ms", r.refusedTimeMs());
        if (o.manifest().detail() != null) {
            n.put("detail_interval", o.manifest().detail().code());
        } else {
            n.putNull("detail_interval");
        }
        n.put("detail_bars", r.detailBars());
        n.put("detail_fallback_bars", r.detailFallbackBars());
        n.put("risk_refused_fraction", r.refusedFraction());
        ArrayNode risk = n.putArray("risk_events");
        for (RiskEvent e : r.riskEvents()) {
            ObjectNode x = risk.addObject();
            x.put("time", CliTimes.iso(e.timeMs()));
            x.put("time_ms", e.timeMs());
            x.put("rule", e.rule().name());
            x.put("coin", e.coin());
            x.put("action", e.action().name());
            x.put("reason", e.reason());
        }
        n.put("funding_source", String.join(", ", r.fundingSources()));
        n.put("data_source", sum.dataSource());
        Metrics.Returns ret = sum.metrics().returns();
        num(n, "cagr", ret.cagr());
        num(n, "volatility", ret.volatility());
        num(n, "sharpe", ret.sharpe());
        num(n, "sharpe_log", ret.sharpeLog());
        ArrayNode warnings = n.putArray("warnings");
        sum.metrics().warnings().forEach(warnings::add);
        n.set("path_interval", m.valueToTree(MetricsJson.pathInterval(sum.pathInterval())));
        n.put("ideal_capture", 1 - cfg.strategy().levels().hedge());
        ArrayNode cycles = n.putArray("cycles");
        for (CycleRecord c : r.cycles()) {
            ObjectNode x = cycles.addObject();
            x.put("coin", c.coin().name());
            x.put("index", c.index());
            num(x, "e", c.e());
            num(x, "h", c.h());
            x.put("q", c.q());
            x.put("pnl", c.pnl());
            num(x, "capture", c.capture());
            x.put("max_state", c.maxState());
            x.put("end_reason", c.endReason());
            x.put("complete", c.complete());
            x.put("start", CliTimes.iso(c.startTime()));
            x.put("end", CliTimes.iso(c.endTime()));
        }
        try {
            return m.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "none" or "N events: 12 refused (POSITION_SIZE 12), 1 forced close (POSITION_STOP 1), 1 halt (DAILY_LOSS 1)". */
    static String riskLine(BacktestResult r) {
        if (r.riskEvents().isEmpty()) {
            return "no risk events (limits never reached)";
        }
        List<String> parts = new ArrayList<>();
        for (RiskEvent.Action a : RiskEvent.Action.values()) {
            Map<String, Integer> byRule = new LinkedHashMap<>();
            int n = 0;
            for (RiskEvent e : r.riskEvents()) {
                if (e.action() == a) {
                    byRule.merge(e.rule().name(), 1, Integer::sum);
                    n++;
                }
            }
            if (n > 0) {
                List<String> rules = new ArrayList<>();
                byRule.forEach((k, v) -> rules.add(k + " " + v));
                String what = switch (a) {
                    case REFUSED -> "refused";
                    case CLOSE -> n == 1 ? "forced close" : "forced closes";
                    case HALTED -> n == 1 ? "daily halt" : "daily halts";
                };
                parts.add(n + " " + what + " (" + String.join(", ", rules) + ")");
            }
        }
        RiskEvent first = r.riskEvents().getFirst();
        long refusedMs = r.refusedTimeMs();
        String refusedFor = refusedMs > 0 ? String.format(Locale.ROOT, "; refused for %.1f days (%.1f%% of the run, refusal to next fill)",
                refusedMs / 86_400_000.0, 100 * r.refusedFraction()) : "";
        return r.riskEvents().size() + " events: " + String.join(", ", parts) + refusedFor + "; first " + CliTimes.iso(first.timeMs())
                + " " + first.rule() + ": " + first.reason();
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f", v) : "n/a";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f%%", 100 * v) : "n/a";
    }

    private static void num(ObjectNode x, String k, double v) {
        if (Double.isFinite(v)) {
            x.put(k, v);
        } else {
            x.putNull(k);
        }
    }

    static void printTable(PrintWriter out, BacktestJob.Outcome o, StrategyConfig cfg, Summary sum) {
        BacktestResult r = o.result();
        BacktestResult.Summary s = r.summary();
        double[] caps = r.cycles().stream().filter(CycleRecord::complete).mapToDouble(CycleRecord::capture)
                .filter(Double::isFinite).sorted().toArray();
        String median = caps.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", caps[caps.length / 2]);
        String coins = String.join(",", r.coins().stream().map(Object::toString).toList());
        out.printf(Locale.ROOT, "run          %s%n", o.manifest().runId());
        out.printf(Locale.ROOT, "config       %s (hash %s)  profile %s  seed %d  path %s%n", cfg.name(), cfg.shortHash(),
                r.sim().profile(), r.seed(), r.sim().path().label());
        out.printf(Locale.ROOT, "data         %s %s  %s .. %s  (%d bars, source %s)%n", coins, cfg.strategy().interval(),
                CliTimes.iso(r.fromMs()), CliTimes.iso(r.toMs()), r.rows(), sum.dataSource());
        if (sum.synthetic()) {
            out.println("             SYNTHETIC candles (generated, not market prices): the figures below say nothing about a real market");
        }
        out.printf(Locale.ROOT, "equity       %,.2f -> %,.2f   return %+.2f%%   max drawdown %.2f%%%n", s.initialEquity(),
                s.finalEquity(), 100 * s.totalReturn(), 100 * s.maxDrawdown());
        Metrics.Returns ret = sum.metrics().returns();
        out.printf(Locale.ROOT, "sharpe       %s (simple returns)   %s (log returns)   CAGR %s   volatility %s%n",
                signed(ret.sharpe()), signed(ret.sharpeLog()), pct(ret.cagr()),
                Double.isFinite(ret.volatility()) ? String.format(Locale.ROOT, "%.2f%%", 100 * ret.volatility()) : "n/a");
        if (ret.sharpe() * ret.sharpeLog() < 0) {
            out.printf(Locale.ROOT, "warning      the two Sharpe ratios disagree in sign: the mean bar return is %s while equity"
                    + " went %s; believe the log-return Sharpe, the return and the CAGR%n",
                    ret.sharpe() > 0 ? "positive" : "negative", s.totalReturn() < 0 ? "down" : "up");
        }
        PathInterval pi = sum.pathInterval();
        out.printf(Locale.ROOT, "path         final equity %,.2f .. %,.2f   return %+.2f%% .. %+.2f%%   max drawdown %.2f%% .. %.2f%%"
                        + "   over %d path modes%n", pi.minFinalEquity(), pi.maxFinalEquity(), 100 * pi.minReturn(),
                100 * pi.maxReturn(), 100 * pi.minDrawdown(), 100 * pi.maxDrawdown(), pi.outcomes().size());
        List<String> modes = new ArrayList<>();
        for (PathInterval.Outcome x : pi.outcomes()) {
            modes.add(String.format(Locale.ROOT, "%s %,.2f%s", x.mode(), x.finalEquity(), x.mode().equals(pi.mainMode())
                    ? " (this run)" : ""));
        }
        out.printf(Locale.ROOT, "             %s%n", String.join(", ", modes));
        if (pi.disagrees()) {
            out.printf(Locale.ROOT, "warning      %s%n", pi.warning());
        }
        out.printf(Locale.ROOT, "trades       %d fills from %d orders (%d rejected%s, %d cancelled)   traded %,.2f%n",
                s.fillCount(), s.orderCount(), s.rejectedCount(),
                r.refusedOrders().isEmpty() ? "" : ", " + r.refusedOrders().size() + " of them by the risk manager",
                s.cancelledCount(), s.tradedNotional());
        out.printf(Locale.ROOT, "costs        fees %,.2f   funding %,.2f   slippage %,.2f   (price P&L %,.2f)%n", s.fees(),
                s.funding(), s.slippage(), s.pricePnl());
        out.printf(Locale.ROOT, "cycles       %d, median capture %s (ideal %.3f)   liquidations %d%n", s.cycles(), median,
                1 - cfg.strategy().levels().hedge(), s.liquidations());
        if (o.manifest().detail() != null) {
            out.printf(Locale.ROOT, "detail       %s: %d bars replayed through their %s candles, %d on their own path"
                            + " (some %s candles missing)%n", o.manifest().detail().code(), r.detailBars(),
                    o.manifest().detail().code(), r.detailFallbackBars(), o.manifest().detail().code());
        }
        out.printf(Locale.ROOT, "risk         %s%n", riskLine(r));
        out.printf(Locale.ROOT, "funding      %s%n", String.join(", ", r.fundingSources()));
        out.printf(Locale.ROOT, "event log    sha256 %s%n", r.eventLogSha256());
        out.printf(Locale.ROOT, "verify with  hypertrader verify %s%n", o.manifest().runId());
        if (Arrays.stream(caps).count() == 0 && s.fillCount() == 0) {
            out.println("note         no trades: the warm-up or the data range may be too short");
        }
    }
}
