package io.hypertrader.store;

import io.hypertrader.backtest.analysis.PathIntervals;

import io.hypertrader.backtest.analysis.RunAdapter;

import io.hypertrader.backtest.analysis.CycleLevels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.PathInterval;
import io.hypertrader.analytics.RunAnalysis;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.UserError;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.NoClock;
import io.hypertrader.report.ReportData;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.report.ReportWriter;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Writes the report folder of one backtest, {@code <reportsRoot>/<runId>/}: the metrics come from
 * analytics through {@link RunAdapter}, the files from {@link ReportWriter}. The {@code backtest}
 * command calls it after every run (unless {@code --no-report}); {@code hypertrader report RUN_ID}
 * calls it on a stored run.
 */
public final class ReportService {
    /** Default folder of run reports, relative to the working directory. */
    public static final String DEFAULT_ROOT = "reports";

    private ReportService() {
    }

    /**
     * Computes the metrics of {@code result} and writes its report into {@code reportsRoot/runId}.
     *
     * @param candles      the replayed series, in the order of {@link BacktestResult#coins()}
     * @param levels       cycle levels per coin (empty for strategies without cycles)
     * @param manifest     run manifest in display order (config, hashes, seed, data, code version ...)
     * @param weights      coin to allocation, in display order
     * @param pathInterval the run under every path mode (null: not computed)
     * @param dataSources  coin to the source of its candles
     * @return the written index.html
     * @throws UserError FAILURE when the folder cannot be written
     */
    public static Path writeFor(BacktestResult result, List<CandleSeries> candles, Map<Coin, CycleLevels> levels,
                                String runId, String title, SequencedMap<String, String> manifest,
                                SequencedMap<String, Double> weights, PathInterval pathInterval,
                                SequencedMap<String, String> dataSources, Path reportsRoot) {
        RunAdapter adapter = new RunAdapter(result, candles, levels);
        // the analysis (tables, rolling figures) beside the metrics' bootstrap: two independent pure
        // computations, so two cores halve the wait and the bytes stay the same
        java.util.concurrent.CompletableFuture<RunAnalysis> analysis =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> adapter.analysis(weights));
        Metrics metrics = adapter.metrics();
        ReportData data = adapter.reportData(runId, title, manifest, metrics, analysis.join(), pathInterval, dataSources);
        Path dir = reportsRoot.resolve(runId);
        try {
            return ReportWriter.DEFAULT.write(data, dir);
        } catch (IOException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the report of a run the engine just stored: the candles are read back from the
     * database over the manifest's range, the cycle levels and weights from its config, the data
     * source of each coin from the candles table.
     *
     * @param pathInterval the run under every path mode ({@link PathIntervals}), or null
     */
    public static Path writeFor(Database db, RunStore.Manifest m, BacktestResult result, PathInterval pathInterval,
                                Path reportsRoot) {
        StrategyConfig cfg = ConfigLoader.parse(m.configJson(), "run " + m.runId() + " config", Map.of());
        CandleStore store = new CandleStore(db, NoClock.INSTANCE);
        List<CandleSeries> candles = new ArrayList<>();
        SequencedMap<String, String> sources = new LinkedHashMap<>();
        for (Coin coin : result.coins()) {
            candles.add(store.series(coin, m.interval(), m.fromMs(), m.toMs() + 1));
            sources.put(coin.name(), store.source(coin, m.interval()).orElse("unknown"));
        }
        Map<Coin, CycleLevels> levels = new LinkedHashMap<>();
        SequencedMap<String, Double> weights = new LinkedHashMap<>();
        for (FibHedgeParams p : cfg.perCoin()) {
            levels.put(p.coin(), CycleLevels.of(p));
            weights.put(p.coin().name(), p.sizing().allocation());
        }
        String coins = String.join(",", result.coins().stream().map(Coin::name).toList());
        SequencedMap<String, String> manifest = manifest(m, result);
        manifest.put("data source", String.join(", ", sources.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        return writeFor(result, candles, levels, m.runId(), m.name() + " " + coins + " " + m.interval().code(),
                manifest, weights, pathInterval, sources, reportsRoot);
    }

    /**
     * Re-renders {@code reportsRoot/runId} from a stored run: re-runs it from its manifest (config,
     * simulator, seed, data range, grids), checks that the event-log hash matches the stored one,
     * takes its stored path interval (or computes it, for runs stored before there was one), and
     * writes the report of that identical run.
     *
     * @throws UserError DATA_MISSING for an unknown run id; FAILURE when the run no longer
     *                   reproduces (its candles changed, or a different engine version)
     */
    public static Path rerender(Database db, String runId, Path reportsRoot) {
        BacktestJob.Verification v = BacktestJob.verify(db, runId);
        if (!v.hashMatches()) {
            throw new UserError(UserError.Kind.FAILURE, "run " + runId + " no longer reproduces (stored event log "
                    + v.stored().eventLogSha256() + ", re-run " + v.rerun().eventLogSha256() + (v.dataMatches() ? ""
                    : "; its candles changed") + "): a report of it would show another run; see hypertrader verify " + runId);
        }
        // stored with the run since migration 12 (its own mode is the run just verified); older runs
        // get it computed the same way the backtest would have
        PathInterval pi = new RunStore(db).pathInterval(runId)
                .filter(p -> p.mainMode().equals(v.stored().pathMode()))
                .orElseGet(() -> PathIntervals.of(v.config(), v.inputs().series(), v.inputs().funding(),
                        v.inputs().grids(), v.inputs().detail(), v.sim(), v.stored().seed(), v.rerun()));
        return writeFor(db, v.stored(), v.rerun(), pi, reportsRoot);
    }

    /** The manifest as the report shows it, in display order. */
    static SequencedMap<String, String> manifest(RunStore.Manifest m, BacktestResult r) {
        SequencedMap<String, String> x = new LinkedHashMap<>();
        x.put("run id", m.runId());
        x.put("created", Instant.ofEpochMilli(m.createdAtMs()).toString());
        x.put("config name", m.name());
        x.put("config hash", "sha256:" + m.configHash());
        x.put("config", pretty(m.configJson()));
        x.put("simulator", m.simProfile() + ", path " + m.pathMode());
        x.put("simulator config", pretty(m.simJson()));
        x.put("seed", Long.toString(m.seed()));
        x.put("detail", m.detail() == null ? "none: every bar replayed its own path (no --detail)"
                : m.detail().code() + ": " + r.detailBars() + " bars replayed through their " + m.detail().code()
                + " candles, " + r.detailFallbackBars() + " on their own path (some " + m.detail().code() + " candles missing)");
        x.put("data", String.join(",", m.coins().stream().map(Coin::name).toList()) + " " + m.interval().code() + ", "
                + m.rowCount() + " bars, " + Instant.ofEpochMilli(m.fromMs()) + " to "
                + Instant.ofEpochMilli(m.toMs() + m.interval().millis()));
        x.put("instruments", m.instruments());
        x.put("funding", m.fundingSource());
        x.put("round trips", "one per completed cycle (net P&L after fees, slippage and funding)");
        x.put("code version", m.codeVersion());
        x.put("risk events", riskEvents(r));
        long refusedMs = r.refusedTimeMs();
        if (refusedMs > 0) {
            x.put("time refused", String.format(java.util.Locale.ROOT,
                    "%.1f days, %.1f%% of the run (from each refused order to the coin's next fill)", refusedMs / 86_400_000.0,
                    100 * r.refusedFraction()));
        }
        x.put("event log", "sha256:" + m.eventLogSha256() + " (" + r.eventCount() + " events)");
        return x;
    }

    /**
     * The risk manager's events in a few lines: none, or the count per action and rule and the
     * first events with their reasons (refused orders are also rows of the rejections section).
     */
    static String riskEvents(BacktestResult r) {
        List<RiskEvent> events = r.riskEvents();
        if (events.isEmpty()) {
            return "none: no order refused, no position force-closed, no daily halt (the config's risk limits were never reached)";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RiskEvent e : events) {
            counts.merge(e.action() + " " + e.rule(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder().append(events.size()).append(" events:");
        counts.forEach((k, v) -> b.append(' ').append(k).append(" x").append(v).append(';'));
        int shown = Math.min(events.size(), 20);
        for (int i = 0; i < shown; i++) {
            RiskEvent e = events.get(i);
            b.append('\n').append(Instant.ofEpochMilli(e.timeMs())).append(' ').append(e.action()).append(' ').append(e.rule())
                    .append(' ').append(e.coin()).append(": ").append(e.reason());
        }
        if (shown < events.size()) {
            b.append("\n... ").append(events.size() - shown).append(" more in the run_risk_events table");
        }
        return b.toString();
    }

    private static String pretty(String json) {
        try {
            ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            return om.writeValueAsString(om.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
