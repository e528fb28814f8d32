package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.Side;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.FibHedgeStrategy;
import io.hypertrader.testdata.Fixtures;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Manual timing probe, not a test (the bench, {@code hypertrader bench --section engine}, gives
 * the published figures). It isolates the replay's floor, which the bench does not: the same 5000
 * real candles (the fixture: at most 5000) under a strategy that never trades, one that holds a position, and fib-hedge.
 * Figures are this thread's CPU time (other processes on a shared box do not count) per backtest,
 * median and minimum of batches of about 20 ms after a warm-up, plus bytes allocated per backtest.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:DEPS \
 *      io.hypertrader.backtest.EngineTimingProbe [mode ...] [--seconds N]
 * [--point-by-point] [--candles N] modes: realistic realistic-risk ideal-risk ideal refrule absorb-close absorb-intrabar noop-close noop-intrabar hold-ideal hold-realistic (default: all)
 * </pre>
 */
public final class EngineTimingProbe {
    private static final Coin BTC = Coin.of("BTC");

    /** Never trades: what the replay costs by itself (absorbing: what its quiet-bar fast path costs). */
    static final class Noop implements Strategy, io.hypertrader.strategy.QuietBarAbsorber {
        private final PriceMode mode;
        private final boolean absorbs;

        Noop(PriceMode mode) {
            this(mode, false);
        }

        Noop(PriceMode mode, boolean absorbs) {
            this.mode = mode;
            this.absorbs = absorbs;
        }

        @Override
        public boolean absorbQuietBar(io.hypertrader.strategy.QuietBar bar) {
            return absorbs;
        }

        @Override
        public void start(StrategyContext context) {
        }

        @Override
        public PriceMode priceMode() {
            return mode;
        }

        @Override
        public void onPrice(Coin c, long t, double price) {
        }

        @Override
        public void onBarClose(Coin c, long openTime, double open, double high, double low, double close, double volume) {
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
        }
    }

    /** --point-by-point: time the replay without its quiet-bar fast path. */
    private static boolean pointByPoint;

    private static BacktestResult run(CandleSeries s, Strategy st, SimConfig sim) {
        return run(s, st, sim, null);
    }

    private static BacktestResult run(CandleSeries s, Strategy st, SimConfig sim, io.hypertrader.risk.RiskLimits risk) {
        BacktestInput in = new BacktestInput(List.of(s), Map.of(BTC, FundingHistory.EMPTY), List.of(Instrument.known(BTC)),
                sim, 1, 10_000, risk);
        List<StrategySlot> slots = List.of(new StrategySlot(st, List.of(BTC)));
        return pointByPoint ? Backtester.runPointByPoint(in, slots) : Backtester.run(in, slots);
    }

    /** The risk limits of config/fib-hedge.yaml, as the bench's fib-hedge row runs behind them. */
    private static final io.hypertrader.risk.RiskLimits LIMITS =
            new io.hypertrader.risk.RiskLimits(3.0, 5.0, 0.30, 0.75, 5, 1_000_000, 30, Double.POSITIVE_INFINITY);

    public static void main(String[] args) {
        int candles = 5000;
        FibHedgeParams p = FibHedgeParams.defaults(BTC, Interval.H1);
        double seconds = 4;
        List<String> modes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--candles")) {
                candles = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--point-by-point")) {
                pointByPoint = true;
            } else if (args[i].equals("--seconds")) {
                seconds = Double.parseDouble(args[++i]);
            } else {
                modes.add(args[i]);
            }
        }
        if (modes.isEmpty()) {
            modes = List.of("realistic", "ideal", "noop-close", "noop-intrabar", "hold-ideal", "hold-realistic");
        }
        CandleSeries s = Fixtures.btcHourlyLast(candles);
        for (String mode : modes) {
            Supplier<BacktestResult> job = switch (mode) {
                case "realistic" -> () -> run(s, new FibHedgeStrategy(p), SimConfig.REALISTIC);
                case "realistic-risk" -> () -> run(s, new FibHedgeStrategy(p), SimConfig.REALISTIC, LIMITS);
                case "ideal-risk" -> () -> run(s, new FibHedgeStrategy(p), SimConfig.IDEAL, LIMITS);
                case "ideal" -> () -> run(s, new FibHedgeStrategy(p), SimConfig.IDEAL);
                case "refrule" -> () -> {
                    // as the bench's engine row: ideal + 4.5 bp fee, close mode, the finest size grid
                    BacktestInput in = new BacktestInput(List.of(s), Map.of(), List.of(new Instrument(BTC,
                            io.hypertrader.bench.refrule.EngineReferenceRule.SZ_DECIMALS, 40)),
                            io.hypertrader.bench.refrule.EngineReferenceRule.SIM, 1, 10_000);
                    List<StrategySlot> slots = List.of(new StrategySlot(new io.hypertrader.bench.refrule.EngineReferenceRule(BTC),
                            List.of(BTC)));
                    return pointByPoint ? Backtester.runPointByPoint(in, slots) : Backtester.run(in, slots);
                };
                case "noop-close" -> () -> run(s, new Noop(PriceMode.CLOSE), SimConfig.IDEAL);
                case "absorb-close" -> () -> run(s, new Noop(PriceMode.CLOSE, true), SimConfig.IDEAL);
                case "absorb-intrabar" -> () -> run(s, new Noop(PriceMode.INTRABAR, true), SimConfig.REALISTIC);
                case "noop-intrabar" -> () -> run(s, new Noop(PriceMode.INTRABAR), SimConfig.IDEAL);
                case "hold-ideal" -> () -> run(s, new HoldStrategy(BTC, Side.BUY, 0.1, 3), SimConfig.IDEAL);
                case "hold-realistic" -> () -> run(s, new HoldStrategy(BTC, Side.BUY, 0.1, 3), SimConfig.REALISTIC);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            measure(mode, job, seconds, s.size());
        }
    }

    private static void measure(String mode, Supplier<BacktestResult> job, double seconds, int candles) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double sink = 0;
        long warmEnd = System.nanoTime() + 5_000_000_000L; // the JIT needs seconds, not a count
        while (System.nanoTime() < warmEnd) {
            sink += job.get().summary().finalEquity();
        }
        int batch = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 20_000_000L) {
            sink += job.get().summary().finalEquity();
            batch++;
        }
        List<Double> cpu = new ArrayList<>();
        long a0 = mx.getCurrentThreadAllocatedBytes();
        long runs = 0;
        long stop = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < stop) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                sink += job.get().summary().finalEquity();
            }
            cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e3 / batch);
            runs += batch;
        }
        double kb = (mx.getCurrentThreadAllocatedBytes() - a0) / 1024.0 / runs;
        Collections.sort(cpu);
        double median = cpu.get(cpu.size() / 2);
        System.out.printf(Locale.ROOT, "%-15s %8.1f us median, %8.1f us min (thread CPU), %6.1f ns/candle, %6.0f KB/run, %d x %d runs%s%n",
                mode, median, cpu.get(0), median * 1e3 / candles, kb, cpu.size(), batch, sink > 0 ? "" : " ");
    }
}
