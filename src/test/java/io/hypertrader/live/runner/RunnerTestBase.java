package io.hypertrader.live.runner;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Network;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the in-process runner tests stand on: the fake exchange with a funded testnet account, a
 * store and stop control on a database in the test's folder, an HTTP transport to the fake, and
 * deployments of {@link #plan} as promote stores them. Each test class starts it in its own
 * {@code @BeforeEach} ({@link #startExchange}) and scripts the market it needs.
 */
abstract class RunnerTestBase {
    static final SigningKey KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    static final String ACCOUNT = KEY.address();
    static final Coin BTC = Coin.of("BTC");

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    LiveStore store;
    StopControl stops;
    StringWriter out;
    OkHttpTransport transport;
    /** The plan {@link #deploy} stores; each test class sets it. */
    TradingPlan plan;

    /** The fake exchange (its clock {@code exchangeLagMs} behind this machine's) and everything around it. */
    void startExchange(long exchangeLagMs) throws Exception {
        fake = exchangeLagMs == 0 ? FakeHyperliquid.start(Network.TESTNET)
                : FakeHyperliquid.start(Network.TESTNET, () -> System.currentTimeMillis() - exchangeLagMs);
        fake.addAccount(ACCOUNT, 10_000);
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(800)).connectTimeout(Duration.ofSeconds(2))
                .retryOnConnectionFailure(false).build();
        transport = new OkHttpTransport(http, fake.baseUrl());
        Path db = dir.resolve("live.duckdb");
        store = new LiveStore(DbAccess.file(db));
        stops = StopControl.besideDatabase(db);
        out = new StringWriter();
    }

    @AfterEach
    void stopExchange() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    /** A deployment of {@link #plan} at {@code stage}, as promote stores it (paper has no account). */
    LiveStore.Deployment deploy(LiveStore.Stage stage) {
        String id = store.newDeploymentId(stage, plan.hash());
        LiveStore.Deployment d = new LiveStore.Deployment(id, stage, plan.hash(), "test", null, plan.json(),
                stage == LiveStore.Stage.PAPER ? null : ACCOUNT, "created", System.currentTimeMillis(), null, "test", 42L,
                plan.initialEquity(), null, null, null, null, null);
        store.insert(d);
        return d;
    }

    /** The testnet exchange client of {@link #ACCOUNT} on the wall clock, as `run` builds it. */
    HyperliquidExchangeClient client() throws Exception {
        TradingInfoClient info = new TradingInfoClient(transport);
        return new HyperliquidExchangeClient(transport, new HyperliquidSigner(KEY, Network.TESTNET), NonceSource.systemClock(),
                info, info.meta(), ACCOUNT, null, HyperliquidExchangeClient.Settings.DEFAULTS, System::currentTimeMillis, ms -> { });
    }

    PrintWriter printer() {
        return new PrintWriter(out, true);
    }
}
