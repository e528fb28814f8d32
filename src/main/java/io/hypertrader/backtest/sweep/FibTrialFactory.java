package io.hypertrader.backtest.sweep;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.backtest.analysis.CycleLevels;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.StrategyKinds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds fib-hedge trials from shared, read-only candles: binds the overrides once per distinct
 * parameter set (cached; the bound records are immutable), then per trial creates fresh
 * strategies, applies the path mode and cuts the candles to the trial's window plus warm-up. Trials
 * run behind the setup's risk limits, as a single backtest of the config does.
 *
 * <p>Warm-up: a window starting at {@code fromMs} also replays the bars before it that the strategy
 * needs before it may enter, max(entry.warmupBars, arm.atrBars + 1), so a test window is traded
 * from its first bar; those bars are excluded from the metrics. The warm-up bars precede the window,
 * so no data after {@code toMs} is ever replayed.
 */
public final class FibTrialFactory implements TrialFactory {
    private final FibSetup.Binder binder;
    private final List<CandleSeries> candles;
    private final Map<Coin, FundingHistory> funding;
    private final List<Instrument> instruments;
    /** Finer candles per coin that every trial replays its bars through ({@code --detail}; empty: none). */
    private final Map<Coin, CandleSeries> detail;
    private final ConcurrentHashMap<SequencedMap<String, String>, FibSetup> bound = new ConcurrentHashMap<>();

    /**
     * @param candles     one series per coin, same interval, in the order of the config's strategies
     * @param funding     stored funding per coin (missing = none)
     * @param instruments the coins' grids, same order as {@code candles}
     */
    public FibTrialFactory(FibSetup.Binder binder, List<CandleSeries> candles, Map<Coin, FundingHistory> funding,
                           List<Instrument> instruments) {
        this(binder, candles, funding, instruments, Map.of());
    }

    /** @param detail finer candles per coin ({@code --detail}, see {@code BacktestInput.withDetail}; empty: none) */
    public FibTrialFactory(FibSetup.Binder binder, List<CandleSeries> candles, Map<Coin, FundingHistory> funding,
                           List<Instrument> instruments, Map<Coin, CandleSeries> detail) {
        this.detail = Map.copyOf(detail);
        this.binder = Objects.requireNonNull(binder, "binder");
        this.candles = List.copyOf(candles);
        this.funding = Map.copyOf(funding);
        this.instruments = List.copyOf(instruments);
        if (this.candles.isEmpty() || this.candles.size() != this.instruments.size()) {
            throw new IllegalArgumentException("one instrument per candle series expected");
        }
    }

    public List<CandleSeries> candles() {
        return candles;
    }

    /** The bound config of a parameter set (cached). */
    public FibSetup setup(SequencedMap<String, String> params) {
        FibSetup s = bound.get(params);
        if (s == null) {
            s = binder.bind(params);
            if (s.strategies().size() != candles.size()) {
                throw new IllegalArgumentException("config has " + s.strategies().size() + " strategies for "
                        + candles.size() + " candle series");
            }
            bound.putIfAbsent(new LinkedHashMap<>(params), s);
        }
        return s;
    }

    @Override
    public Trial build(TrialSpec spec) {
        FibSetup s = setup(spec.params());
        SimConfig sim = spec.path() == null ? s.sim() : s.sim().withPath(spec.path());
        int warm = 0;
        for (FibHedgeParams p : s.strategies()) {
            warm = Math.max(warm, p.barsBeforeTrading());
        }
        List<CandleSeries> series = new ArrayList<>(candles.size());
        for (CandleSeries c : candles) {
            series.add(window(c, spec.fromMs(), spec.toMs(), warm));
        }
        List<StrategySlot> slots = new ArrayList<>();
        Map<Coin, CycleLevels> levels = new LinkedHashMap<>();
        for (int i = 0; i < candles.size(); i++) {
            Coin coin = candles.get(i).coin();
            FibHedgeParams p = s.strategies().get(i).withCoin(coin);
            slots.add(new StrategySlot(StrategyKinds.create(p), List.of(coin)));
            levels.put(coin, CycleLevels.of(p));
        }
        BacktestInput in = new BacktestInput(series, funding, instruments, sim, spec.seed(), s.initialEquity(), s.risk());
        if (!detail.isEmpty()) {
            in = in.withDetail(detail); // the whole span: each bar finds its own sub-bars by time
        }
        return new Trial(in, slots, levels, spec.fromMs());
    }

    private static CandleSeries window(CandleSeries c, long from, long to, int warm) {
        if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
            return c;
        }
        long[] t = c.openTimes();
        int a = lowerBound(t, from);
        int b = lowerBound(t, to);
        if (a >= b) {
            throw UserError.dataMissing("no " + c.coin() + " " + c.interval() + " candles in the window ["
                    + java.time.Instant.ofEpochMilli(from) + ", " + java.time.Instant.ofEpochMilli(to) + ")");
        }
        return c.slice(Math.max(0, a - warm), b);
    }

    private static int lowerBound(long[] t, long x) {
        int lo = 0, hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
