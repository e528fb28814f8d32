package io.hypertrader.bench;

import io.hypertrader.analytics.AnalysisOptions;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.FibBacktest;
import io.hypertrader.backtest.analysis.CycleLevels;
import io.hypertrader.backtest.analysis.RunAdapter;
import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.bench.harness.Fmt;
import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.Timer;
import io.hypertrader.bench.refrule.ReferenceRule;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Benchmark item 1: one fib-hedge backtest (default parameters, bull thesis, intrabar mode) with
 * the {@code realistic} simulator profile on the last 5000 candles of the benchmark dataset, from
 * candles in memory to a {@link BacktestResult} with its metrics computed, no report written. Timed
 * on one thread, then as a sweep on every core (each thread runs its own backtests, as a parameter
 * sweep does). A candle-step is one candle replayed through the strategy and the simulator. The
 * backtest runs behind the risk manager with the shipped config's limits, as a config's backtest does.
 */
final class FibHedgeSection implements BenchSection {
    static final String ONE_THREAD = "fib-hedge backtest + metrics (point estimates), 1 thread";
    static final String ONE_THREAD_RATE = "fib-hedge candle-steps/s, 1 thread";
    static final String BACKTEST_ONLY = "fib-hedge backtest without metrics, 1 thread";
    static final String METRICS_ONLY = "fib-hedge report metrics alone (bootstrap 1000), 1 thread";
    static final String POINT_METRICS_ONLY = "fib-hedge point-estimate metrics alone, 1 thread";
    static final String SWEEP = "fib-hedge backtest + metrics (point estimates), sweep on %d threads";
    static final String SWEEP_RATE = "fib-hedge candle-steps/s, sweep on %d threads";
    static final String SCALING = "fib-hedge sweep speed-up on %d threads";
    /** Sweep speed-up target as a fraction of the thread count ("scales with cores"). */
    static final double SCALING_TARGET = 0.8;

    /** The risk limits of config/fib-hedge.yaml: a backtest of a config runs behind them. */
    static final RiskLimits LIMITS = new RiskLimits(3.0, 5.0, 0.30, 0.75, 5, 1_000_000, 30, Double.POSITIVE_INFINITY);

    private final int threads;

    FibHedgeSection() {
        this(Runtime.getRuntime().availableProcessors());
    }

    FibHedgeSection(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads < 1: " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "engine";
    }

    /** One complete backtest through the engine's library facade: fresh strategy, replay, result (no metrics). */
    static BacktestResult backtest(CandleSeries candles, long seed) {
        Coin coin = candles.coin();
        Instrument instrument = Instrument.known(coin) != null ? Instrument.known(coin) : new Instrument(coin, 2, 20);
        return FibBacktest.run(params(candles), candles, instrument, FundingHistory.EMPTY, SimConfig.REALISTIC, seed,
                ReferenceRule.INITIAL_CASH, LIMITS);
    }

    static FibHedgeParams params(CandleSeries candles) {
        return FibHedgeParams.defaults(candles.coin(), candles.interval());
    }

    /**
     * What the benchmark times: one backtest and its metrics as a sweep computes them (point
     * estimates; the bootstrap intervals are a report's, timed in their own row).
     */
    static Metrics backtestAndMetrics(CandleSeries candles, long seed) {
        return adapter(backtest(candles, seed), candles).metrics(AnalysisOptions.pointEstimates(seed));
    }

    /**
     * The metrics of one run as a config's report computes them: through {@link RunAdapter} with the
     * parameters' cycle levels (round trips are the completed cycles), 1000 bootstrap resamples
     * seeded with the run's seed.
     */
    static Metrics metrics(BacktestResult r, CandleSeries candles) {
        return adapter(r, candles).metrics();
    }

    private static RunAdapter adapter(BacktestResult r, CandleSeries candles) {
        return new RunAdapter(r, List.of(candles), Map.of(candles.coin(), CycleLevels.of(params(candles))));
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        BenchDataset data = BenchDataset.load(ReferenceRule.BENCH_CANDLES);
        CandleSeries candles = data.candles();
        Timer.Settings settings = Timer.Settings.of(o);
        BacktestResult sample = backtest(candles, 1);
        BacktestResult.Summary s = sample.summary();
        String what = Fmt.f("%d fills, %d cycles, equity %.2f, fees %.2f, slippage %.2f, funding %.2f; %d of %d bars taken whole; on %s",
                s.fillCount(), s.cycles(), s.finalEquity(), s.fees(), s.slippage(), s.funding(), s.quietBars(), candles.size(),
                data.name());

        Metrics metrics = metrics(sample, candles);
        what += Fmt.f("; Sharpe %.2f, max drawdown %.1f%%, %d round trips", metrics.returns().sharpe(),
                100 * metrics.drawdown().maxDrawdown(), metrics.trades().count());

        Measurement one = Timer.measure(settings, () -> backtestAndMetrics(candles, 1));
        Measurement bare = Timer.measure(settings, () -> backtest(candles, 1));
        Measurement alone = Timer.measure(settings, () -> metrics(sample, candles));
        Measurement pointAlone = Timer.measure(settings,
                () -> adapter(sample, candles).metrics(AnalysisOptions.pointEstimates(1)));
        List<BenchRow> rows = new ArrayList<>();
        rows.add(BenchRow.lowerIsBetter(ONE_THREAD, one.medianMicros(), 100, "us")
                .withDetail("5000 candles, realistic profile, intrabar, default parameters; " + what));
        rows.add(BenchRow.higherIsBetter(ONE_THREAD_RATE, candles.size() / one.medianNanos() * 1e3, 50, "M/s")
                .withDetail(spread(one)));
        rows.add(BenchRow.lowerIsBetter(BACKTEST_ONLY, bare.medianMicros(), Double.NaN, "us").withDetail(spread(bare)));
        rows.add(BenchRow.lowerIsBetter(POINT_METRICS_ONLY, pointAlone.medianMicros(), Double.NaN, "us")
                .withDetail("the metrics part of the first row: adapter over the result, then every metric but the bootstrap; "
                        + spread(pointAlone)));
        rows.add(BenchRow.lowerIsBetter(METRICS_ONLY, alone.medianMicros(), Double.NaN, "us").withDetail(spread(alone)));
        if (threads == 1) {
            rows.add(BenchRow.skipped(Fmt.f(SWEEP, 1), Double.NaN, "us", "one core available"));
            return rows;
        }
        long[] seeds = {1};
        Supplier<Supplier<?>> perThread = () -> {
            long seed = seeds[0]++;
            return () -> backtestAndMetrics(candles, seed);
        };
        Measurement sweep = Timer.measureParallel(settings, threads, perThread);
        double speedup = one.medianNanos() / sweep.medianNanos();
        rows.add(BenchRow.lowerIsBetter(Fmt.f(SWEEP, threads), sweep.medianMicros(), Double.NaN, "us")
                .withDetail("wall time / backtests completed; " + spread(sweep)));
        rows.add(BenchRow.higherIsBetter(Fmt.f(SWEEP_RATE, threads), candles.size() / sweep.medianNanos() * 1e3,
                Double.NaN, "M/s"));
        rows.add(BenchRow.higherIsBetter(Fmt.f(SCALING, threads), speedup, SCALING_TARGET * threads, "x")
                .withDetail(Fmt.f("ideal %d.0x; from the fastest samples %.2fx (medians move with other load)",
                        threads, one.minNanos() / sweep.minNanos())));
        return rows;
    }

    static String spread(Measurement m) {
        return Fmt.f("samples %d x %d runs, min %s, max %s", m.samples(), m.batch(), Fmt.duration(m.minNanos()),
                Fmt.duration(m.maxNanos()));
    }
}
