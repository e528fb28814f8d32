package io.hypertrader.bench;

import io.hypertrader.bench.harness.Fmt;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.exchange.AssetRegistry;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.runner.LiveRunner;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Issue 11's live latency row: the time from a pushed mid arriving at a testnet runner to the
 * signed order it decides leaving for the exchange (the runner's own measure,
 * {@link LiveRunner#pushToOrderMs}), p50 and p99, target p99 <= 50 ms. The whole live path runs:
 * the runner's loop, the one kernel, the risk manager, the fib-hedge strategy, the Hyperliquid
 * venue journaling the order and the strategy's state in DuckDB before the order leaves, and the
 * signing. The exchange is an in-memory loopback ({@link LoopbackExchange}) that fills every order
 * at once, so the network is excluded; the mids are pushed as a healthy WebSocket pushes them.
 * The bench moves the price through the strategy's cycle (a 3 % rise arms it, a pull-back hedges,
 * a new high lifts the hedge): two orders per cycle.
 */
final class LiveLatencySection implements BenchSection {
    static final String ROW = "live: pushed mid to signed order leaving, p99";
    static final String ROW_P50 = "live: pushed mid to signed order leaving, p50";
    private static final Coin BTC = Coin.of("BTC");
    /** A throw-away key for timing only (controls no account anywhere). */
    private static final SigningKey KEY = SigningKey.fromHex("0x" + "42".repeat(32));
    private static final long POLL_MS = 100;

    @Override
    public String name() {
        return "live";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        // the strategy's level climbs 3 % a cycle, so a round stays short and a full run takes fresh rounds
        int cycles = o.quick() ? 8 : 12;
        int rounds = o.quick() ? 1 : 4;
        Path dir;
        try {
            dir = Files.createTempDirectory("hypertrader-bench-live");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LongSupplier wall = System::currentTimeMillis; // the runner trades on the wall clock, as `run` does
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            List<Double> ms = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ms.addAll(round(dir.resolve("round-" + r + ".duckdb"), wall, thread, cycles));
            }
            return rows(ms, rounds, cycles);
        } catch (Exception e) {
            throw new IllegalStateException("live latency bench: " + e.getMessage(), e);
        } finally {
            thread.shutdownNow();
            deleteQuietly(dir);
        }
    }

    /** One fresh testnet deployment through {@code cycles} cycles: its push-to-order latencies, ms. */
    private List<Double> round(Path db, LongSupplier wall, ExecutorService thread, int cycles) throws Exception {
        double start = 30_000;
        LoopbackExchange exchange = new LoopbackExchange("BTC", start, 10_000, wall);
        PushedMids feed = new PushedMids(start, wall);
        LiveStore store = new LiveStore(DbAccess.file(db));
        FibHedgeParams d = FibHedgeParams.defaults(BTC, Interval.M1);
        FibHedgeParams p = new FibHedgeParams(BTC, Interval.M1, d.thesis(), d.trigger(), d.levels(), d.exposure(),
                new FibHedgeParams.Arm(0.005, 0.5, 5), new FibHedgeParams.Entry(5, Double.NaN), d.hedgeExit(), d.reversal(),
                d.longStop(), new FibHedgeParams.Sizing(0.2, 0.1, 1), d.profit());
        String hash = "be0c4b0c4b0c" + "0".repeat(52);
        TradingPlan plan = new TradingPlan("bench-live", List.of(p), Map.of(), 10_000, RiskLimits.DEFAULTS,
                TradingPlan.Promotion.DEFAULTS, "{\"bench\":true}", hash);
        String account = KEY.address();
        LiveStore.Deployment dep = new LiveStore.Deployment(store.newDeploymentId(LiveStore.Stage.TESTNET, hash),
                LiveStore.Stage.TESTNET, hash, "bench", null, plan.json(), account, "created", wall.getAsLong(), null, "bench", 42L,
                plan.initialEquity(), null, null, null, null, null);
        store.insert(dep);
        TradingInfoClient info = new TradingInfoClient(exchange);
        HyperliquidExchangeClient client = new HyperliquidExchangeClient(exchange, new HyperliquidSigner(KEY, Network.TESTNET),
                NonceSource.systemClock(), info, AssetRegistry.of(new AssetRegistry.Asset("BTC", 0, 5, 40, false, false)), account,
                null, HyperliquidExchangeClient.Settings.DEFAULTS, wall, ms -> { });
        LiveRunner runner = new LiveRunner(store, dep, plan, feed, StopControl.besideDatabase(db), wall, Thread::sleep,
                new PrintWriter(new StringWriter(), true), client).deadManWindow(0);
        Future<?> running = thread.submit(() -> runner.run(new LiveRunner.Settings(POLL_MS, 0, 0)));

        awaitOrders(exchange, 1, running); // the entry after the warm-up
        double level = exchange.lastFillPrice();
        for (int c = 0; c < cycles; c++) {
            double high = Math.round(level * 1.03);
            pushAndSettle(feed, exchange, runner, high);
            order(feed, exchange, runner, running, Math.round(high - 0.3 * (high - level))); // the hedge
            order(feed, exchange, runner, running, high + 1); // above the peak: lifted, FULL again
            level = exchange.lastFillPrice();
        }
        running.cancel(true);
        try {
            running.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.ExecutionException e) {
            // cancelled: the runner's loop was interrupted and ends its run
        }
        return runner.pushToOrderMs();
    }

    private static List<BenchRow> rows(List<Double> all, int rounds, int cycles) {
        List<Double> ms = new ArrayList<>(all);
        if (ms.isEmpty()) {
            throw new IllegalStateException("no order was decided on a pushed price");
        }
        Collections.sort(ms);
        double p50 = ms.get((ms.size() - 1) / 2);
        double p99 = ms.get((int) Math.ceil(0.99 * ms.size()) - 1);
        String detail = Fmt.f("%d orders decided on a push (%d rounds of %d cycles); LiveRunner + kernel + risk + fib-hedge + "
                + "HyperliquidVenue (order and state journaled in DuckDB first) + signing; in-memory exchange, no network; "
                + "max %.1f ms", ms.size(), rounds, cycles, ms.get(ms.size() - 1));
        return List.of(BenchRow.lowerIsBetter(ROW_P50, p50, Double.NaN, "ms").withDetail(detail),
                BenchRow.lowerIsBetter(ROW, p99, 50, "ms").withDetail(detail));
    }

    /** Pushes a price that makes the strategy trade and waits for the order and for the poll that books its fill. */
    private static void order(PushedMids feed, LoopbackExchange exchange, LiveRunner runner, Future<?> running, double px)
            throws Exception {
        int before = exchange.orders();
        exchange.setMid(px);
        feed.push(px);
        awaitOrders(exchange, before + 1, running);
        pushAndSettle(feed, exchange, runner, exchange.lastFillPrice());
    }

    /** Pushes a price, waits until the runner acted on it, then lets two polls pass (fills are booked by the poll). */
    private static void pushAndSettle(PushedMids feed, LoopbackExchange exchange, LiveRunner runner, double px)
            throws InterruptedException {
        exchange.setMid(px);
        long v = feed.push(px);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (runner.midsActedOn() < v) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the runner did not act on a pushed price within 10 s");
            }
            Thread.sleep(1);
        }
        Thread.sleep(2 * POLL_MS + 20); // pacing: the poll books the fill the strategy's next decision builds on
    }

    private static void awaitOrders(LoopbackExchange exchange, int n, Future<?> running) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (exchange.orders() < n) {
            if (running.isDone()) {
                running.get(); // the runner's exception
                throw new IllegalStateException("the runner ended before order " + n);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no order " + n + " within 30 s");
            }
            Thread.sleep(1);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder: the OS cleans it
        }
    }

    /** Mids pushed as a healthy WebSocket pushes them, and flat warm-up candles around the first price. */
    static final class PushedMids implements MarketFeed {
        private final LongSupplier wall;
        private double mid;
        private long version;
        private long arrivedNanos;

        PushedMids(double mid, LongSupplier wall) {
            this.mid = mid;
            this.wall = wall;
        }

        synchronized long push(double price) {
            mid = price;
            version++;
            arrivedNanos = System.nanoTime();
            notifyAll();
            return version;
        }

        @Override
        public List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) {
            double px;
            synchronized (this) {
                px = mid;
            }
            long iv = interval.millis();
            long last = Math.floorDiv(nowMs, iv) * iv - iv;
            List<Candle> out = new ArrayList<>();
            for (int i = count - 1; i >= 0; i--) {
                long open = last - i * iv;
                out.add(new Candle(open, open + iv - 1, px, px * 1.001, px * 0.999, px, 10, 100));
            }
            return out;
        }

        @Override
        public synchronized Map<String, Double> mids() {
            return Map.of("BTC", mid);
        }

        @Override
        public boolean pushing() {
            return true;
        }

        @Override
        public synchronized long midsVersion() {
            return version;
        }

        @Override
        public synchronized long awaitMids(long seen, long timeoutMs) throws InterruptedException {
            long end = System.nanoTime() + timeoutMs * 1_000_000L;
            while (version == seen) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            return version;
        }

        @Override
        public synchronized long midsArrivedNanos() {
            return arrivedNanos;
        }
    }
}
