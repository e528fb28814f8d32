package io.hypertrader.sim;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.backtest.Bars;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.sim.model.SlippageModel;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Simulator invariants over many seeds (docs/simulator.md); each assertion names its seed. */
class SimulatorInvariantsTest {
    private static final Coin BTC = Coin.of("BTC");

    static CandleSeries walk(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        Bars b = new Bars("BTC");
        double p = 30_000;
        for (int i = 0; i < n; i++) {
            double o = p;
            double c = o * Math.exp(r.nextGaussian() * 0.01);
            double h = Math.max(o, c) * (1 + r.nextDouble() * 0.006);
            double l = Math.min(o, c) * (1 - r.nextDouble() * 0.006);
            b.bar(o, h, l, c, 5 + r.nextDouble() * 50);
            p = c * (r.nextDouble() < 0.05 ? Math.exp(r.nextGaussian() * 0.01) : 1);
        }
        return b.series();
    }

    static BacktestResult runRandom(SimConfig sim, long seed, double maxNotional, int bars) {
        CandleSeries s = walk(seed, bars);
        RandomOrderStrategy st = new RandomOrderStrategy(seed, maxNotional, 0.3);
        BacktestInput in = new BacktestInput(List.of(s), Map.of(BTC, FundingHistory.EMPTY),
                List.of(new Instrument(BTC, 5, 40)), sim, seed, 1_000_000);
        return Backtester.run(in, List.of(new StrategySlot(st, List.of(BTC))));
    }

    @Test
    void invariantsHoldOverManySeeds() {
        SplittableRandom seeds = new SplittableRandom(99);
        int fills = 0;
        int partialCancels = 0;
        for (SimConfig sim : List.of(SimConfig.SEED, SimConfig.REALISTIC)) {
            for (int k = 0; k < 30; k++) {
                long seed = seeds.nextLong();
                BacktestResult r = runRandom(sim, seed, 60_000, 150);
                CandleSeries s = walk(seed, 150);
                String ctx = sim.profile() + " seed " + seed;
                Map<Long, TrackedOrder> byId = new HashMap<>();
                for (TrackedOrder o : r.orders()) {
                    byId.put(o.id(), o);
                    // nothing silently dropped: every order ends in exactly one terminal status
                    assertThat(o.status().terminal()).as(ctx + " order " + o.id()).isTrue();
                    if (o.status() == OrderStatus.REJECTED) {
                        assertThat(o.rejectCode()).as(ctx).isNotNull();
                        assertThat(o.reason()).as(ctx).isNotBlank();
                        assertThat(o.filledSize()).as(ctx).isZero();
                    }
                    if (o.status() == OrderStatus.CANCELLED) {
                        assertThat(o.reason()).as(ctx).isNotBlank();
                        if (o.filledSize() > 0) {
                            partialCancels++;
                        }
                    }
                    if (o.status() == OrderStatus.FILLED) {
                        assertThat(o.filledSize()).as(ctx).isCloseTo(o.request().size(), within(1e-9));
                    }
                    // fills never exceed the order
                    assertThat(o.filledSize()).as(ctx).isLessThanOrEqualTo(o.request().size() + 1e-9);
                }
                Map<Long, Double> perSegment = new HashMap<>();
                for (Fill f : r.fills()) {
                    fills++;
                    TrackedOrder o = byId.get(f.orderId());
                    int sign = f.side().sign();
                    // slippage is never favourable (against the arrival price)
                    assertThat(f.slippageCost()).as(ctx + " fill " + f).isGreaterThanOrEqualTo(-1e-9);
                    assertThat(sign * (f.price() - f.arrivalPrice())).as(ctx).isGreaterThanOrEqualTo(-1e-9);
                    if (o.request().type() == OrderType.LIMIT) {
                        // a limit never fills through its price
                        double x = o.request().limitPrice();
                        assertThat(f.side() == Side.BUY ? f.price() <= x : f.price() >= x).as(ctx + " " + f).isTrue();
                    }
                    if (f.maker()) {
                        assertThat(f.price()).as(ctx).isEqualTo(o.request().limitPrice());
                    }
                    // never before the order reached the venue, never at the decision time unless latency is 0
                    assertThat(f.timeMs()).as(ctx).isGreaterThanOrEqualTo(o.arrivalTime());
                    assertThat(o.arrivalTime()).as(ctx).isGreaterThan(o.decisionTime());
                    long bar = Math.floorDiv(f.timeMs() - Bars.T0, 3_600_000L);
                    long seg = Math.min(2, (f.timeMs() - Bars.T0 - bar * 3_600_000L) / 1_200_000L);
                    perSegment.merge(bar * 3 + seg, f.size(), Double::sum);
                }
                if (sim == SimConfig.REALISTIC) {
                    // participation cap: at most 10% of each segment's volume (a third of the bar's)
                    for (var e : perSegment.entrySet()) {
                        int bar = (int) (e.getKey() / 3);
                        double cap = 0.10 * s.volume(bar) / 3;
                        assertThat(e.getValue()).as(ctx + " segment " + e.getKey()).isLessThanOrEqualTo(cap + 1e-6);
                    }
                }
                assertThat(r.summary().ledgerResidual()).as(ctx).isCloseTo(0, within(0.005));
            }
        }
        assertThat(fills).isGreaterThan(1000);
        assertThat(partialCancels).as("partial fills must occur and be reported").isGreaterThan(10);
    }

    @Test
    void latencyMovesTheFillPrice() {
        // one bar rising linearly from 100 to 160 over its first third (20 minutes); a market buy
        // decided at the open arrives 10 minutes later and fills at the path price then, 130
        SimConfig sim = new SimConfig("latency", PathMode.LOW_FIRST, false,
                new SimConfig.Latency(SimConfig.LatencyModelKind.UNIFORM, 600_000, 600_000),
                SimConfig.IDEAL.slippage(), SimConfig.IDEAL.fills(), SimConfig.IDEAL.rejection(),
                SimConfig.IDEAL.fees(), SimConfig.IDEAL.funding());
        CandleSeries s = new Bars("SOL").bar(100, 160, 100, 150).series();
        OneShot st = new OneShot(Coin.of("SOL"), 1);
        BacktestInput in = new BacktestInput(List.of(s), Map.of(), List.of(new Instrument(Coin.of("SOL"), 2, 20)),
                sim, 1, 10_000);
        // low first: open 100 -> low 100 (first third) -> high 160 (second third)
        BacktestResult r = Backtester.run(in, List.of(new StrategySlot(st, List.of(Coin.of("SOL")))));
        Fill f = r.fills().get(0);
        assertThat(r.orders().get(0).decisionPrice()).isEqualTo(100.0);
        assertThat(f.timeMs()).isEqualTo(Bars.T0 + 600_000);
        assertThat(f.price()).isEqualTo(100.0); // first third is flat at 100 (open = low)
        OneShot late = new OneShot(Coin.of("SOL"), 2); // decides at the low point (t + 20 min), arrives at t + 30 min
        BacktestResult r2 = Backtester.run(in, List.of(new StrategySlot(late, List.of(Coin.of("SOL")))));
        Fill f2 = r2.fills().get(0);
        assertThat(r2.orders().get(0).decisionPrice()).isEqualTo(100.0);
        assertThat(f2.price()).isCloseTo(100 + 60 * (600_000.0 / 1_200_000), within(1e-6)); // 130: the price moved
    }

    @Test
    void seedProfileEnvelopeHoldsStatistically() {
        // slippage: continuous, within [1, 1 + 9 * min(n / 100k, 1)] bp, always adverse
        SlippageModel.Uniform u = new SlippageModel.Uniform(1, 10, 100_000, new SplittableRandom(5));
        double sumSmall = 0;
        int nDraws = 20_000;
        for (int i = 0; i < nDraws; i++) {
            double small = u.slippage(1_000, null) * 1e4;
            double big = u.slippage(500_000, null) * 1e4;
            assertThat(small).isBetween(1.0, 1.09);
            assertThat(big).isBetween(1.0, 10.0);
            sumSmall += big;
        }
        assertThat(sumSmall / nDraws).as("mean of U[1,10] bp").isCloseTo(5.5, within(0.1));

        // partial fills and refusals from whole runs
        int over10k = 0;
        int partial = 0;
        int arrived = 0;
        int random = 0;
        int capped = 0;
        int over100k = 0;
        SplittableRandom seeds = new SplittableRandom(3);
        for (int k = 0; k < 25; k++) {
            long seed = seeds.nextLong();
            BacktestResult r = runRandom(SimConfig.SEED, seed, 150_000, 200);
            Map<Long, List<Fill>> fillsByOrder = new HashMap<>();
            r.fills().forEach(f -> fillsByOrder.computeIfAbsent(f.orderId(), x -> new java.util.ArrayList<>()).add(f));
            for (TrackedOrder o : r.orders()) {
                if (o.arrivalTime() < 0) {
                    continue;
                }
                arrived++;
                // valued as the venue values it: limit price, trigger price, or arrival price for market orders
                double ref = o.request().type() == OrderType.LIMIT ? o.request().limitPrice()
                        : o.request().type().isTrigger() ? o.request().triggerPrice() : o.arrivalPrice();
                double notional = o.request().size() * ref;
                if (o.rejectCode() == RejectCode.RANDOM) {
                    random++;
                } else if (o.rejectCode() != null) {
                    arrived--; // refused by a rule before the random draw
                }
                if (notional > 100_000) {
                    over100k++;
                    assertThat(o.status()).as("seed %d order over $100k", seed).isEqualTo(OrderStatus.REJECTED);
                    if (o.rejectCode() == RejectCode.NOTIONAL_CAP) {
                        capped++;
                    }
                }
                boolean taker = o.request().type() == OrderType.MARKET && !o.request().reduceOnly();
                if (taker && o.status() != OrderStatus.REJECTED && notional > 10_000 && notional <= 100_000) {
                    over10k++;
                    List<Fill> fs = fillsByOrder.getOrDefault(o.id(), List.of());
                    if (o.filledSize() < o.request().size() - 1e-9 && !fs.isEmpty()) {
                        partial++;
                        double frac = o.filledSize() / o.request().size();
                        assertThat(frac).as("seed %d partial fraction", seed).isBetween(0.5 - 1e-4, 0.9 + 1e-9);
                        assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
                    }
                }
            }
        }
        double pPartial = (double) partial / over10k;
        double sd = Math.sqrt(0.1 * 0.9 / over10k);
        assertThat(over10k).isGreaterThan(500);
        assertThat(pPartial).as("partial-fill rate over $10k (n=%d)", over10k).isCloseTo(0.10, within(4 * sd));
        double pRandom = (double) random / arrived;
        assertThat(pRandom).as("random refusal rate among orders that passed the rules (n=%d)", arrived).isCloseTo(0.02, within(4 * Math.sqrt(0.02 * 0.98 / arrived)));
        assertThat(over100k).isGreaterThan(50);
        assertThat(capped + 0.0).as("orders over $100k refused with the cap reason (some draw random first)")
                .isGreaterThan(0.9 * over100k);
    }

    /** Submits one market buy at its n-th price point. */
    static final class OneShot implements io.hypertrader.strategy.Strategy {
        private final Coin coin;
        private final int at;
        private int seen;
        private io.hypertrader.exec.ExecutionVenue venue;

        OneShot(Coin coin, int at) {
            this.coin = coin;
            this.at = at;
        }

        @Override
        public void start(io.hypertrader.strategy.StrategyContext context) {
            venue = context.venue();
        }

        @Override
        public io.hypertrader.strategy.PriceMode priceMode() {
            return io.hypertrader.strategy.PriceMode.INTRABAR;
        }

        @Override
        public void onPrice(Coin c, long t, double price) {
            if (++seen == at) {
                venue.submit(io.hypertrader.core.OrderRequest.market(coin, Side.BUY, 1, false, "one"));
            }
        }

        @Override
        public void onBarClose(Coin c, long openTime, double open, double high, double low, double close, double volume) {
        }

        @Override
        public void onOrderEvent(io.hypertrader.core.OrderEvent event) {
        }
    }
}
