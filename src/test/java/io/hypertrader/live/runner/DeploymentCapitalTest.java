package io.hypertrader.live.runner;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.replay.PaperEngine;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskRule;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A deployment sizes from its own capital, against the local fake exchange: not from a larger
 * account balance, never from more than a smaller account holds, and scaled down to a position
 * cap instead of having every entry refused. The plan sizes each entry at 18% of equity
 * (allocation 0.2, cash reserve 0.1, leverage 1).
 */
class DeploymentCapitalTest {

    static final SigningKey KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    static final String ACCOUNT = KEY.address();
    static final Coin BTC = Coin.of("BTC");
    static final RunnerBase.Settings FAST = new RunnerBase.Settings(0, 40, 0);
    static final double ENTRY_FRACTION = 0.2 * 0.9 * 1;

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    LiveStore store;
    OkHttpTransport transport;
    final TradingPlan plan = LiveFixtures.plan(BTC, Interval.M1, "cafe0123beef" + "0".repeat(52));
    final StringWriter out = new StringWriter();

    void exchange(double accountUsdc) throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET);
        fake.addAccount(ACCOUNT, accountUsdc);
        new LiveFixtures.Script(fake, 5).add("BTC", LiveFixtures.candles(7, 200, System.currentTimeMillis(), 30_000));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(800)).connectTimeout(Duration.ofSeconds(2))
                .retryOnConnectionFailure(false).build();
        transport = new OkHttpTransport(http, fake.baseUrl());
        store = new LiveStore(DbAccess.file(dir.resolve("live.duckdb")));
    }

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    LiveStore.Deployment deploy(LiveStore.Stage stage, Double capital, Double cap) {
        String id = store.newDeploymentId(stage, plan.hash());
        LiveStore.Deployment d = new LiveStore.Deployment(id, stage, plan.hash(), "test", null, plan.json(),
                stage == LiveStore.Stage.PAPER ? null : ACCOUNT, "created", System.currentTimeMillis(), null, "test", 42L,
                capital, cap, null, null, null, null);
        store.insert(d);
        return d;
    }

    RunnerBase.Outcome runTestnet(LiveStore.Deployment d) throws Exception {
        TradingInfoClient info = new TradingInfoClient(transport);
        HyperliquidExchangeClient client = new HyperliquidExchangeClient(transport, new HyperliquidSigner(KEY, Network.TESTNET),
                NonceSource.systemClock(), info, info.meta(), ACCOUNT, null, HyperliquidExchangeClient.Settings.DEFAULTS,
                System::currentTimeMillis, ms -> { });
        LiveRunner r = new LiveRunner(store, d, plan, new RestMarketFeed(transport), StopControl.besideDatabase(dir.resolve("live.duckdb")),
                System::currentTimeMillis, ms -> { }, new PrintWriter(out, true), client);
        return r.run(FAST);
    }

    /** The notional of the first order the exchange filled: the entry, USDC at its fill price. */
    double firstEntryNotional() {
        List<FakeHyperliquid.FakeFill> fills = fake.fills(ACCOUNT);
        assertThat(fills).as("the deployment entered").isNotEmpty();
        FakeHyperliquid.FakeFill first = fills.get(0);
        long oid = first.oid();
        return fills.stream().filter(f -> f.oid() == oid).mapToDouble(f -> f.sz().doubleValue() * f.px().doubleValue()).sum();
    }

    @Test
    void testnetSizesItsEntryFromItsCapitalNotFromTheWholeAccountBalance() throws Exception {
        exchange(100_000);
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET, 1_000.0, null);
        RunnerBase.Outcome o = runTestnet(d);
        assertThat(o.discrepancies()).isEmpty();
        // from 1,000 USDC: 180 USDC (from the account's 100,000 it would be 18,000)
        assertThat(firstEntryNotional()).isCloseTo(ENTRY_FRACTION * 1_000, within(ENTRY_FRACTION * 1_000 * 0.02));
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("capital")
                && e.detail().startsWith("capital 1000.00 USDC (with this deployment's realized P&L), account 100000.00 USDC"));
        // the snapshots tell the deployment's own equity beside the account's
        String snap = store.journal(d.id()).stream().filter(e -> e.kind().equals("snapshot")).reduce((a, b) -> b).orElseThrow().detail();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("deployment-equity=(\\S+)").matcher(snap);
        assertThat(m.find()).as(snap).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(1_000, within(50.0));
    }

    @Test
    void anAccountHoldingLessThanTheCapitalSizesFromWhatTheAccountHolds() throws Exception {
        exchange(500);
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET, 10_000.0, null);
        runTestnet(d);
        assertThat(firstEntryNotional()).isCloseTo(ENTRY_FRACTION * 500, within(ENTRY_FRACTION * 500 * 0.02));
    }

    @Test
    void aPositionCapBelowTheEntryScalesTheEntryDownToTheCapInsteadOfRefusingIt() throws Exception {
        exchange(10_000);
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET, 10_000.0, 60.0); // the entry would be 1,800 USDC
        runTestnet(d);
        double entry = firstEntryNotional();
        assertThat(entry).isGreaterThan(50).isLessThanOrEqualTo(60 * 1.01); // at the fill price, a hair above the decision's
        LiveStore.OrderRow first = store.orders(d.id()).get(0);
        assertThat(first.size() * first.decisionPx()).as("sized at the decision price under the cap").isLessThanOrEqualTo(60);
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("sizing") && e.detail().contains("cut from 1800.00 USDC")
                && e.detail().contains("position cap 60.00 USDC"));
        assertThat(store.riskEvents(d.id())).as("the entry was not refused for the cap")
                .noneMatch(e -> e.rule() == RiskRule.POSITION_CAP && e.reason().contains("would be 18"));
    }

    @Test
    void paperStartsFromTheDeploymentsCapital() throws Exception {
        exchange(10_000);
        LiveStore.Deployment d = deploy(LiveStore.Stage.PAPER, 20_000.0, null);
        new PaperRunner(store, d, plan, new RestMarketFeed(transport), StopControl.besideDatabase(dir.resolve("live.duckdb")),
                System::currentTimeMillis, ms -> { }, new PrintWriter(out, true)).run(FAST);
        LiveStore.FillRow first = store.fills(d.id()).get(0);
        assertThat(first.size() * first.price()).isCloseTo(ENTRY_FRACTION * 20_000, within(ENTRY_FRACTION * 20_000 * 0.02));
        // the replay from the config's equity sizes half as large: the capital, not the config, set the size
        var fromConfig = PaperEngine.replay(plan, store.candles(d.id(), Interval.M1), 42L, plan.risk());
        assertThat(fromConfig.result().fills().get(0).size()).isCloseTo(first.size() / 2, within(first.size() * 0.01));
        var journal = store.journal(d.id());
        var snap = journal.stream().filter(e -> e.kind().equals("snapshot")).reduce((a, b) -> b).orElseThrow();
        assertThat(snap.price()).as("paper equity is the capital's").isGreaterThan(15_000);
    }
}
