package io.hypertrader.live.runner;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.core.Network;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.StrategyState;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.rules.RuleSet;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A ta4j-rules plan paper-trades against the fake exchange like the hedge; testnet and mainnet refuse it. */
class RulesPaperTest {
    static final Coin BTC = Coin.of("BTC");

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    LiveStore store;
    StopControl stops;
    OkHttpTransport transport;
    TradingPlan plan;

    @BeforeEach
    void start() throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET, System::currentTimeMillis);
        new LiveFixtures.Script(fake, 5).add("BTC", LiveFixtures.candles(7, 200, System.currentTimeMillis(), 30_000));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(800)).connectTimeout(Duration.ofSeconds(2))
                .retryOnConnectionFailure(false).build();
        transport = new OkHttpTransport(http, fake.baseUrl());
        Path db = dir.resolve("live.duckdb");
        store = new LiveStore(DbAccess.file(db));
        stops = StopControl.besideDatabase(db);
        FibHedgeParams base = LiveFixtures.plan(BTC, Interval.M1, "x".repeat(64)).perCoin().get(0);
        RuleSet rules = new RuleSet(Map.of("n", 3.0), "close > sma(close, n)", "close < sma(close, n)", null, null, null, null);
        plan = new TradingPlan("rules", List.of(base.withRules(rules)), Map.of(), 10_000, RiskLimits.DEFAULTS,
                TradingPlan.Promotion.DEFAULTS, "{\"test\":true}", "ab12cd34ef56" + "1".repeat(52));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    LiveStore.Deployment deploy(LiveStore.Stage stage) {
        String id = store.newDeploymentId(stage, plan.hash());
        LiveStore.Deployment d = new LiveStore.Deployment(id, stage, plan.hash(), "test", null, plan.json(), null, "created",
                System.currentTimeMillis(), null, "test", 42L, plan.initialEquity(), null, null, null, null, null);
        store.insert(d);
        return d;
    }

    @Test
    void paperTradesTheRulesInRealTimeAndARestartStartsThemFreshOnlyWhenFlat() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.PAPER);
        StringWriter out = new StringWriter();
        PaperRunner r = new PaperRunner(store, d, plan, new RestMarketFeed(transport), stops, System::currentTimeMillis, ms -> { },
                new PrintWriter(out, true));
        RunnerBase.Outcome o = r.run(new RunnerBase.Settings(0, 30, 0));
        assertThat(o.endReason()).isEqualTo("bounded");
        assertThat(o.discrepancies()).isEmpty();
        assertThat(store.fills(d.id())).isNotEmpty();
        assertThat(store.journal(d.id())).anyMatch(e -> e.kind().equals("decision"));
        StrategyState saved = StrategyState.parse(store.latest(d.id(), "state", "BTC").orElseThrow().detail());
        assertThat(saved.strategy()).isEqualTo("ta4j-rules");
        assertThat(saved.name()).isIn("LONG", "FLAT");
        // a restart cannot restore a rule strategy's memory: it starts fresh, which is safe only when its coin is flat
        double held = store.fills(d.id()).stream().mapToDouble(f -> ("BUY".equals(f.side()) ? 1 : -1) * f.size()).sum();
        PaperRunner again = new PaperRunner(store, store.deployment(d.id()).orElseThrow(), plan, new RestMarketFeed(transport), stops,
                System::currentTimeMillis, ms -> { }, new PrintWriter(out, true));
        if (Math.abs(held) < 1e-9) {
            assertThat(again.run(new RunnerBase.Settings(0, 3, 0)).endReason()).isEqualTo("bounded");
        } else {
            assertThatThrownBy(() -> again.run(new RunnerBase.Settings(0, 3, 0))).isInstanceOf(UserError.class)
                    .hasMessageContaining("differ");
        }
        assertThat(store.journal(d.id())).filteredOn(e -> e.kind().equals("restore")).singleElement()
                .satisfies(e -> assertThat(e.detail()).matches("[A-Z]+ BTC not restorable \\(strategy=ta4j-rules\\): .*"));
    }

    @Test
    void aTestnetRunTradesTheRulesAtTheExchangeAndARestartInAPositionHaltsWithoutSendingAnything() throws Exception {
        io.hypertrader.live.sign.SigningKey key = RunnersTest.KEY;
        fake.addAccount(key.address(), 10_000);
        String id = store.newDeploymentId(LiveStore.Stage.TESTNET, plan.hash());
        store.insert(new LiveStore.Deployment(id, LiveStore.Stage.TESTNET, plan.hash(), "test", null, plan.json(), key.address(),
                "created", System.currentTimeMillis(), null, "test", 42L, plan.initialEquity(), null, null, null, null, null));
        TradingInfoClient info = new TradingInfoClient(transport);
        HyperliquidExchangeClient client = new HyperliquidExchangeClient(transport,
                new io.hypertrader.live.sign.HyperliquidSigner(key, Network.TESTNET), io.hypertrader.live.sign.NonceSource.systemClock(),
                info, info.meta(), key.address(), null, HyperliquidExchangeClient.Settings.DEFAULTS, System::currentTimeMillis, ms -> { });
        StringWriter out = new StringWriter();
        LiveRunner first = new LiveRunner(store, store.deployment(id).orElseThrow(), plan, new RestMarketFeed(transport), stops,
                System::currentTimeMillis, ms -> { }, new PrintWriter(out, true), client).deadManWindow(0);
        assertThat(first.run(new RunnerBase.Settings(0, 30, 0)).endReason()).isEqualTo("bounded");
        assertThat(fake.orders(key.address())).as("the rules traded at the exchange").isNotEmpty();
        double held = fake.position(key.address(), "BTC").doubleValue();
        int sent = fake.orders(key.address()).size();
        LiveRunner again = new LiveRunner(store, store.deployment(id).orElseThrow(), plan, new RestMarketFeed(transport), stops,
                System::currentTimeMillis, ms -> { }, new PrintWriter(out, true), client).deadManWindow(0);
        if (held != 0) {
            // the fresh rule strategy believes it is flat: the position it does not know of halts the restart
            assertThatThrownBy(() -> again.run(new RunnerBase.Settings(0, 3, 0))).isInstanceOf(UserError.class)
                    .hasMessageContaining("no saved strategy state");
            assertThat(fake.orders(key.address())).as("nothing sent by the halted restart").hasSize(sent);
        } else {
            assertThat(again.run(new RunnerBase.Settings(0, 3, 0)).endReason()).isEqualTo("bounded");
        }
        assertThat(store.journal(id)).filteredOn(e -> e.kind().equals("restore")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("BTC not restorable (strategy=ta4j-rules)"));
    }
}
