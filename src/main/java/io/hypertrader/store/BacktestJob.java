package io.hypertrader.store;

import io.hypertrader.backtest.FibBacktest;

import io.hypertrader.backtest.BacktestResult;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.SizingRules;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.CoinMeta;
import io.hypertrader.data.CoinMetaStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.FundingRate;
import io.hypertrader.data.FundingStore;
import io.hypertrader.data.NoClock;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backtest against the database: loads candles, funding and grids, runs {@link FibBacktest},
 * and (for {@link #runAndStore}) writes the run with its manifest. {@link #verify} re-runs a stored
 * run from its manifest and compares event-log hashes.
 */
public final class BacktestJob {

    /**
     * A run, its manifest, and what it replayed (so the same inputs can be replayed again, e.g.
     * under the other path modes; null when not kept).
     */
    public record Outcome(RunStore.Manifest manifest, BacktestResult result, Inputs inputs) {
        public Outcome(RunStore.Manifest manifest, BacktestResult result) {
            this(manifest, result, null);
        }
    }

    /** The result of re-running a stored run, with the config, simulator and inputs it was re-run from. */
    public record Verification(RunStore.Manifest stored, BacktestResult rerun, boolean hashMatches, boolean dataMatches,
                               StrategyConfig config, SimConfig sim, Inputs inputs) {
        public Verification(RunStore.Manifest stored, BacktestResult rerun, boolean hashMatches, boolean dataMatches) {
            this(stored, rerun, hashMatches, dataMatches, null, null, null);
        }

        public boolean ok() {
            return hashMatches;
        }
    }

    /**
     * What a config replays, loaded from the database: one candle series per coin (in the config's
     * coin order), each coin's funding over its series, and each coin's instrument grid.
     */
    public record Inputs(List<CandleSeries> series, Map<Coin, FundingHistory> funding, Map<Coin, Instrument> grids,
                         Map<Coin, CandleSeries> detail) {
        /** Inputs without detail candles. */
        public Inputs(List<CandleSeries> series, Map<Coin, FundingHistory> funding, Map<Coin, Instrument> grids) {
            this(series, funding, grids, Map.of());
        }

        /** The same inputs with detail candles ({@code --detail}). */
        public Inputs withDetail(Map<Coin, CandleSeries> d) {
            return new Inputs(series, funding, grids, d);
        }

        public Inputs {
            series = List.copyOf(series);
            funding = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(funding));
            grids = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(grids));
        }

        /** The grids in the config's coin order. */
        public List<Instrument> gridList() {
            return List.copyOf(grids.values());
        }
    }

    private BacktestJob() {
    }

    /**
     * Loads the candles in {@code [fromMs, toMs)}, the funding over each series and the grids of
     * every coin of {@code cfg}. A coin's grid is the config's instrument if it names one, else the
     * stored exchange metadata of {@code network}, else the built-in default; each is checked
     * against the coin's sizing, and a fixedQty sizing against the prices of the loaded candles
     * ({@link SizingRules#checkFixedQty}).
     *
     * @param source what to name in an error about the config (its file, or "config")
     * @throws UserError DATA_MISSING when a coin has no candles in the range; USAGE when the
     *                   sizing does not fit the grid or could not place an order at any price of the range
     */
    public static Inputs loadInputs(Database db, Network network, StrategyConfig cfg, long fromMs, long toMs,
                                    String source) {
        CandleStore candles = new CandleStore(db, NoClock.INSTANCE);
        FundingStore fundingStore = new FundingStore(db, NoClock.INSTANCE);
        CoinMetaStore meta = new CoinMetaStore(db, NoClock.INSTANCE);
        List<CandleSeries> series = new ArrayList<>();
        Map<Coin, FundingHistory> funding = new LinkedHashMap<>();
        Map<Coin, Instrument> grids = new LinkedHashMap<>();
        for (FibHedgeParams p : cfg.perCoin()) {
            Coin coin = p.coin();
            CandleSeries s = candles.series(coin, p.interval(), fromMs, toMs);
            series.add(s);
            funding.put(coin, history(fundingStore.read(coin, s.openTime(0), s.closeTime(s.size() - 1) + 1)));
            Instrument inst = cfg.instruments().get(coin);
            if (inst == null) {
                Optional<CoinMeta> m = meta.find(network, coin);
                if (m.isPresent()) {
                    inst = new Instrument(coin, m.get().szDecimals(), m.get().maxLeverage());
                }
            }
            inst = inst != null ? inst : FibBacktest.instrument(cfg, Map.of(), coin);
            SizingRules.checkAgainstInstrument(source, p, inst, p.sizing().allocation());
            SizingRules.checkFixedQty(source, cfg, p, inst, s);
            grids.put(coin, inst);
        }
        return new Inputs(series, funding, grids);
    }

    /** Loads what the config needs, runs it, and stores the run under {@code runIdPrefix} + a short hash. */
    public static Outcome runAndStore(Database db, Network network, StrategyConfig cfg, SimConfig sim, long seed,
                                      long fromMs, long toMs, String codeVersion, long createdAtMs, String runIdPrefix) {
        return runAndStore(db, network, cfg, sim, seed, fromMs, toMs, codeVersion, createdAtMs, runIdPrefix, null);
    }

    /** {@link #runAndStore} with detail candles of {@code detail} (null: none). */
    public static Outcome runAndStore(Database db, Network network, StrategyConfig cfg, SimConfig sim, long seed,
                                      long fromMs, long toMs, String codeVersion, long createdAtMs, String runIdPrefix,
                                      Interval detail) {
        Outcome o = run(db, network, cfg, sim, seed, fromMs, toMs, codeVersion, createdAtMs, runIdPrefix, detail);
        RunStore store = new RunStore(db);
        // The same run repeated within a second gets the same id: number the repeats instead of failing.
        String base = o.manifest().runId();
        String id = base;
        for (int n = 2; store.exists(id); n++) {
            id = base + "-" + n;
        }
        if (!id.equals(base)) {
            o = new Outcome(o.manifest().withRunId(id), o.result(), o.inputs());
        }
        store.save(o.manifest(), o.result());
        return o;
    }

    /** Loads what the config needs and runs it, without storing. */
    public static Outcome run(Database db, Network network, StrategyConfig cfg, SimConfig sim, long seed, long fromMs,
                              long toMs, String codeVersion, long createdAtMs, String runIdPrefix) {
        return run(db, network, cfg, sim, seed, fromMs, toMs, codeVersion, createdAtMs, runIdPrefix, null);
    }

    /** {@link #run} with detail candles of {@code detail} (null: none), as {@code --detail} asks. */
    public static Outcome run(Database db, Network network, StrategyConfig cfg, SimConfig sim, long seed, long fromMs,
                              long toMs, String codeVersion, long createdAtMs, String runIdPrefix, Interval detail) {
        Inputs in = loadInputs(db, network, cfg, fromMs, toMs, "config");
        if (detail != null) {
            in = in.withDetail(loadDetail(db, in.series(), detail));
        }
        List<CandleSeries> series = in.series();
        Map<Coin, FundingHistory> funding = in.funding();
        Map<Coin, Instrument> grids = in.grids();
        BacktestResult r = FibBacktest.runWithDetail(cfg, series, funding, grids, sim, seed, in.detail());
        String runId = runIdPrefix + "-" + r.eventLogSha256().substring(0, 8);
        RunStore.Manifest m = new RunStore.Manifest(runId, createdAtMs, cfg.name(), cfg.json(), cfg.hash(),
                ConfigLoader.simJson(sim), sim.profile(), sim.path().label(), seed, cfg.coins(), cfg.strategy().interval(),
                RunStore.Manifest.instruments(new ArrayList<>(grids.values())), r.fromMs(), r.toMs(), r.rows(),
                String.join(", ", r.fundingSources()), codeVersion, r.eventLogSha256(), detail);
        return new Outcome(m, r, in);
    }

    /**
     * The stored candles of {@code detail} for each coin over its bars' span. A coin with none gives
     * no detail (its bars all replay their own path, and the run counts them as such).
     *
     * @throws UserError USAGE when the interval is not finer than the bars' or does not divide them
     */
    public static Map<Coin, CandleSeries> loadDetail(Database db, List<CandleSeries> series, Interval detail) {
        Interval main = series.get(0).interval();
        if (detail.millis() >= main.millis() || main.millis() % detail.millis() != 0) {
            throw UserError.usage("--detail " + detail.code() + ": the detail interval must be finer than the bars' "
                    + main.code() + " and divide it (e.g. --detail 1m inside 1h)");
        }
        CandleStore candles = new CandleStore(db, NoClock.INSTANCE);
        Map<Coin, CandleSeries> out = new LinkedHashMap<>();
        for (CandleSeries s : series) {
            if (s.size() == 0) {
                continue;
            }
            CandleSeries d;
            try {
                d = candles.series(s.coin(), detail, s.openTime(0), s.closeTime(s.size() - 1) + 1);
            } catch (UserError e) {
                continue; // no finer candles stored for this coin: every bar falls back
            }
            if (d.size() > 0) {
                out.put(s.coin(), d);
            }
        }
        return out;
    }

    /** Re-runs a stored run from its manifest (same config, simulator, seed, data range and grids). */
    public static Verification verify(Database db, String runId) {
        RunStore.Manifest m = new RunStore(db).manifest(runId).orElseThrow(() -> UserError.dataMissing(
                "no run '" + runId + "' in the database; run one with: hypertrader backtest"));
        StrategyConfig cfg = ConfigLoader.parse(m.configJson(), "run " + runId + " config", Map.of());
        SimConfig sim = ConfigLoader.parseSim(m.simJson(), "run " + runId + " simulator", Map.of());
        if (!cfg.hash().equals(m.configHash())) {
            throw new UserError(UserError.Kind.FAILURE, "run " + runId + ": the stored config no longer reads back to hash "
                    + m.configHash() + " (got " + cfg.hash() + "): the config format changed");
        }
        CandleStore candles = new CandleStore(db, NoClock.INSTANCE);
        FundingStore fundingStore = new FundingStore(db, NoClock.INSTANCE);
        List<CandleSeries> series = new ArrayList<>();
        Map<Coin, FundingHistory> funding = new LinkedHashMap<>();
        Map<Coin, Instrument> grids = new LinkedHashMap<>();
        for (Instrument i : m.instrumentList()) {
            grids.put(i.coin(), i);
        }
        int rows = 0;
        for (Coin coin : m.coins()) {
            CandleSeries s = candles.series(coin, m.interval(), m.fromMs(), m.toMs() + 1);
            rows += s.size();
            series.add(s);
            funding.put(coin, history(fundingStore.read(coin, s.openTime(0), s.closeTime(s.size() - 1) + 1)));
        }
        Map<Coin, CandleSeries> detail = m.detail() == null ? Map.of() : loadDetail(db, series, m.detail());
        BacktestResult r = FibBacktest.runWithDetail(cfg, series, funding, grids, sim, m.seed(), detail);
        return new Verification(m, r, r.eventLogSha256().equals(m.eventLogSha256()), rows == m.rowCount(), cfg, sim,
                new Inputs(series, funding, grids, detail));
    }

    static FundingHistory history(List<FundingRate> rates) {
        long[] t = new long[rates.size()];
        double[] r = new double[rates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rates.get(i).timeMs();
            r[i] = rates.get(i).rate();
        }
        return new FundingHistory(t, r);
    }
}
