package io.hypertrader.live.runner;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.risk.RiskRule;
import io.hypertrader.strategy.fib.FibHedgeParams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account-wide risk rules in paper and testnet runs of two coins (issue 10, point 5): with
 * {@code maxOpenCoins: 1}, or a total leverage only one coin fits in, one coin opens and the
 * other's entry is refused with a journaled risk event, and at no time do both coins hold a
 * position, in the paper books or at the (fake) exchange. Each coin's plan alone takes 18% of the
 * account at 1x, so nothing else refuses.
 */
class AccountWideRiskRunnersTest extends RunnerTestBase {

    static final Coin ETH = Coin.of("ETH");
    static final RunnerBase.Settings FAST = new RunnerBase.Settings(0, 40, 0);
    static final RiskLimits ONE_COIN = new RiskLimits(0.20, 5.0, 0.05, 0.10, 1, 25_000.0, 30, Double.POSITIVE_INFINITY);

    @BeforeEach
    void start() throws Exception {
        startExchange(0);
        long now = System.currentTimeMillis();
        new LiveFixtures.Script(fake, 5).add("BTC", LiveFixtures.candles(7, 200, now, 30_000))
                .add("ETH", LiveFixtures.candles(8, 200, now, 2_000));
        plan = twoCoins(ONE_COIN);
    }

    /** BTC and ETH, each the single-coin fixture's plan (18% of equity at 1x), under {@code limits}. */
    static TradingPlan twoCoins(RiskLimits limits) {
        String hash = "cd34ef56ab12" + "0".repeat(52);
        FibHedgeParams btc = LiveFixtures.plan(BTC, Interval.M1, hash).perCoin().get(0);
        FibHedgeParams eth = LiveFixtures.plan(ETH, Interval.M1, hash).perCoin().get(0);
        return new TradingPlan("test", List.of(btc, eth), Map.of(), 10_000, limits, TradingPlan.Promotion.DEFAULTS,
                "{\"test\":true}", hash);
    }

    @Test
    void paperRunOpensOneCoinAndJournalsTheOthersRefusal() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.PAPER);
        RunnerBase.Outcome o = new PaperRunner(store, d, plan, new RestMarketFeed(transport), stops, System::currentTimeMillis,
                ms -> { }, new PrintWriter(out, true)).run(FAST);
        assertThat(o.endReason()).isEqualTo("bounded");
        assertThat(o.discrepancies()).isEmpty();

        // the paper books: replay the journaled fills in time order
        Map<String, Double> pos = new HashMap<>();
        List<LiveStore.FillRow> fills = store.fills(d.id()).stream().sorted(Comparator.comparingLong(LiveStore.FillRow::timeMs)).toList();
        assertThat(fills).isNotEmpty();
        for (LiveStore.FillRow f : fills) {
            pos.merge(f.coin(), ("BUY".equals(f.side()) ? 1 : -1) * f.size(), Double::sum);
            assertThat(openCoins(pos)).as("coins held after paper fill " + f).isLessThanOrEqualTo(1);
        }
        assertOneCoinRefused(d);
    }

    @Test
    void testnetRunSendsOneCoinsEntryToTheExchangeAndJournalsTheOthersRefusal() throws Exception {
        LiveStore.Deployment d = runTestnet();
        assertOneCoinRefused(d);
    }

    @Test
    void testnetRunCountsBothCoinsInTheTotalLeverage() throws Exception {
        // each coin alone is 0.18x of the account, both 0.36x: above 0.3x only together
        plan = twoCoins(new RiskLimits(0.20, 0.3, 0.05, 0.10, 5, 25_000.0, 30, Double.POSITIVE_INFINITY));
        LiveStore.Deployment d = runTestnet();
        List<RiskEvent> refused = store.riskEvents(d.id()).stream().filter(e -> e.rule() == RiskRule.LEVERAGE).toList();
        assertThat(refused).as("LEVERAGE refusals of " + d.id()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(RiskEvent.Action.REFUSED);
            assertThat(e.reason()).startsWith("total notional would be ").contains("(limit 0.30x)");
        });
        assertThat(store.journal(d.id())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("risk");
            assertThat(e.detail()).startsWith("LEVERAGE REFUSED: total notional would be ");
        });
    }

    /** A testnet session of {@link #plan}; checks that no fill at the exchange left both coins held. */
    private LiveStore.Deployment runTestnet() throws Exception {
        LiveStore.Deployment d = deploy(LiveStore.Stage.TESTNET);
        RunnerBase.Outcome o = new LiveRunner(store, d, plan, new RestMarketFeed(transport), stops, System::currentTimeMillis,
                ms -> { }, new PrintWriter(out, true), client()).run(FAST);
        assertThat(o.endReason()).isEqualTo("bounded");

        // the exchange: in the order it filled them, never a position in both coins
        List<FakeHyperliquid.FakeFill> fills = fake.fills(ACCOUNT);
        assertThat(fills).isNotEmpty();
        Map<String, Double> pos = new HashMap<>();
        for (FakeHyperliquid.FakeFill f : fills) {
            pos.put(f.coin(), f.startPosition().add(f.side().equals("B") ? f.sz() : f.sz().negate()).doubleValue());
            assertThat(openCoins(pos)).as("coins held at the exchange after fill " + f).isLessThanOrEqualTo(1);
        }
        return d;
    }

    /** The refusal is a risk event in the store and a "risk" journal line, naming the rule and the limit. */
    private void assertOneCoinRefused(LiveStore.Deployment d) {
        List<RiskEvent> refused = store.riskEvents(d.id()).stream().filter(e -> e.rule() == RiskRule.OPEN_COINS).toList();
        assertThat(refused).as("OPEN_COINS refusals of " + d.id()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(RiskEvent.Action.REFUSED);
            assertThat(e.reason()).contains("would make 2 coins with positions or working orders (limit 1)");
        });
        assertThat(store.journal(d.id())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("risk");
            assertThat(e.detail()).startsWith("OPEN_COINS REFUSED: opening ");
        });
    }

    private static long openCoins(Map<String, Double> positions) {
        return positions.values().stream().filter(v -> Math.abs(v) > 1e-9).count();
    }
}
