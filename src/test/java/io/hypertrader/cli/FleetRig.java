package io.hypertrader.cli;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeMarket;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A market that moves on the wall clock for many paper deployments: the fake exchange on
 * 127.0.0.1 replays real one-minute candles ({@link FakeMarket}: FTX BTC-PERP of 2022-01-03 as
 * BTC, the next day as ETH) with the current minute forming, pushes mids along the forming bar
 * every {@code midEveryMs} and the forming bars and asset contexts every second, as the exchange
 * does. Paper deployments of the shipped config on 1m bars are inserted as promote stores them.
 */
final class FleetRig implements AutoCloseable {
    static final long MIN = FakeMarket.MINUTE;

    final Path dir;
    final Path db;
    final FakeHyperliquid fake;
    final FakeMarket market;
    final Map<String, String> env;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-rig-market");
        t.setDaemon(true);
        return t;
    });

    FleetRig(Path dir, long midEveryMs) throws Exception {
        this.dir = dir;
        this.db = dir.resolve("fleet.duckdb");
        long now = System.currentTimeMillis();
        // 600 minutes of history before now: warm-ups have data, and the replay has 840 minutes left
        long base = Math.floorDiv(now, 60 * MIN) * 60 * MIN - 600 * MIN;
        fake = FakeHyperliquid.start(Network.MAINNET);
        market = new FakeMarket(System::currentTimeMillis, base, List.of("1m"));
        market.install(fake);
        tick();
        ticker.scheduleAtFixedRate(this::tick, midEveryMs, midEveryMs, TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(() -> market.publish(fake), 1_000, 1_000, TimeUnit.MILLISECONDS);
        env = Map.of("HYPERTRADER_DB", db.toString(), "HYPERTRADER_API_URL", fake.baseUrl(), "HYPERTRADER_HOME",
                dir.resolve("home").toString());
    }

    /** The mid of each coin: the close of its forming bar now. */
    private void tick() {
        long now = System.currentTimeMillis();
        long open = Math.floorDiv(now, MIN) * MIN;
        for (String coin : List.of("BTC", "ETH")) {
            var bar = market.barAt(coin, Interval.M1, open, now);
            if (bar != null) {
                fake.setMid(coin, new BigDecimal(Double.toString(bar.close())).toPlainString());
            }
        }
    }

    LiveStore store() {
        return new LiveStore(DbAccess.file(db));
    }

    /**
     * A paper deployment of the shipped config on {@code coin} 1m bars (warm-up 20 bars, the hedge
     * armed by small gains so it trades within minutes; {@code variant} shifts the gain so the
     * deployments do not all act at once), or with its stored config hash spoiled so every start
     * of its runner fails.
     */
    String paper(String coin, int variant, boolean broken) throws Exception {
        String yaml = Files.readString(Path.of("config/fib-hedge.yaml")).replace("interval: 1h", "interval: 1m")
                .replace("coin: BTC ", "coin: " + coin + " ").replace("warmupBars: 50", "warmupBars: 20")
                .replace("minGainPct: 0.02", "minGainPct: " + (0.0005 + 0.0001 * (variant % 10))).replace("minGainAtr: 2.0", "minGainAtr: 0.1");
        Path cfg = dir.resolve("cfg-" + coin + "-" + variant + ".yaml");
        Files.writeString(cfg, yaml);
        TradingPlan plan = TradingPlan.of(ConfigLoader.load(cfg));
        LiveStore store = store();
        String id = store.newDeploymentId(LiveStore.Stage.PAPER, plan.hash());
        // spoiled: the stored config no longer hashes to the promoted hash, which every start refuses with a failure
        String hash = broken ? "f".repeat(plan.hash().length()) : plan.hash();
        store.insert(new LiveStore.Deployment(id, LiveStore.Stage.PAPER, hash, plan.name(), cfg.toString(), plan.json(), null,
                "created", System.currentTimeMillis(), null, "test", 1L + variant, plan.initialEquity(), null, null, null, null, null));
        return id;
    }

    @Override
    public void close() throws Exception {
        ticker.shutdownNow();
        fake.close();
    }
}
