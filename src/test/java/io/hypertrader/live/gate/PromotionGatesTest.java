package io.hypertrader.live.gate;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.Network;
import io.hypertrader.data.Database;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gates' evidence rules: which backtests and which testnet deployments count, and the report saying so. */
class PromotionGatesTest {

    static final String HASH = "ab12cd34ef56" + "0".repeat(52);
    static final TradingPlan.Promotion P = new TradingPlan.Promotion(0.25, 2, 0, 1, 10, 0.9, 100, 24);

    Database db;
    LiveStore store;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        store = new LiveStore(DbAccess.of(db));
    }

    @AfterEach
    void close() {
        db.close();
    }

    String testnet(String endpoint, int accepted, int refused) {
        String id = store.newDeploymentId(LiveStore.Stage.TESTNET, HASH);
        store.insert(new LiveStore.Deployment(id, LiveStore.Stage.TESTNET, HASH, "t", null, "{}", "0x" + "1".repeat(40), "created",
                1_000L, null, "test", 1L, 10_000.0, null, null, null, null, null));
        if (endpoint != null) {
            store.recordEndpoint(id, endpoint);
        }
        long n = 1;
        for (int i = 0; i < accepted; i++, n++) {
            store.upsertOrder(id, order(n, 1_000_000L + n, "FILLED", null));
        }
        for (int i = 0; i < refused; i++, n++) {
            store.upsertOrder(id, order(n, null, "REJECTED", "EXCHANGE: Insufficient margin"));
        }
        // a risk refusal never reached the exchange: never counted as sent
        store.upsertOrder(id, order(n, null, "REJECTED", "RISK: POSITION_CAP over the cap"));
        return id;
    }

    static LiveStore.OrderRow order(long id, Long oid, String status, String reason) {
        return new LiveStore.OrderRow(id, "0x" + Long.toHexString(id), oid, "BTC", "BUY", "MARKET", "IOC", 0.01, null, null, false, "entry",
                status, 0.01, 30_000.0, id, 30_000.0, id, reason);
    }

    static PromotionGates.BacktestFacts run(String id, SimConfig sim, double dd, int fills, long at) {
        return new PromotionGates.BacktestFacts(id, dd, fills, at, sim.profile(), sim.path().label(),
                PromotionGates.laxer(id, ConfigLoader.simJson(sim)));
    }

    @Test
    void paperCountsTheLatestRealisticOrStricterBacktestAndNamesTheNewerOnesItSkipped() {
        SimConfig idealWorst = SimConfig.IDEAL.withPath(PathMode.WORST_CASE);
        SimConfig freeFees = ConfigLoader.simProfile("realistic", Map.of("fees.takerBp", "0", "fees.makerBp", "0"));
        SimConfig harsher = ConfigLoader.simProfile("realistic", Map.of("fees.takerBp", "6")).withPath(PathMode.HIGH_FIRST);
        // newest first: a frictionless run that looks great, a 'realistic' run with the fees switched off, then the evidence
        List<PromotionGates.BacktestFacts> runs = List.of(run("r3", idealWorst, 0.01, 50, 3), run("r2", freeFees, 0.02, 40, 2),
                run("r1", harsher, 0.20, 12, 1));
        PromotionGates.Verdict v = PromotionGates.paper(P, HASH, runs);
        assertThat(v.passed()).isTrue();
        assertThat(v.message()).startsWith("backtest r1 (profile realistic, path high-first): max drawdown 20.00% (limit 25.00%), fills 12")
                .contains("not counted (simulator laxer than realistic): r3 (profile ideal, path worst-case): tickRounding off",
                        "r2 (profile realistic, path bullish-low-first): fees.makerBp 0 < 1.5, fees.takerBp 0 < 4.5");
        // the thresholds apply to the evidence, not to the flattering runs
        PromotionGates.Verdict deep = PromotionGates.paper(P, HASH, List.of(run("r3", idealWorst, 0.01, 50, 3),
                run("r1", SimConfig.REALISTIC, 0.40, 12, 1)));
        assertThat(deep.passed()).isFalse();
        assertThat(deep.message()).startsWith("max drawdown 40.00% > 25.00% (backtest r1 (profile realistic, path bullish-low-first)");
    }

    @Test
    void paperRefusesWhenOnlyLaxerBacktestsAreStored() {
        PromotionGates.Verdict v = PromotionGates.paper(P, HASH, List.of(run("r2", SimConfig.SEED, 0.01, 50, 2),
                run("r1", SimConfig.IDEAL.withPath(PathMode.WORST_CASE), 0.01, 50, 1)));
        assertThat(v.passed()).isFalse();
        assertThat(v.message()).contains("no backtest of config hash ab12cd34ef56 under the realistic simulator profile or a stricter one",
                "r2 (profile seed, path bullish-low-first): latency.model uniform < drift", "r1 (profile ideal, path worst-case)",
                "(+6 more)", "run: hypertrader backtest --config FILE");
        assertThat(PromotionGates.paper(P, HASH, List.of()).message()).contains("no backtest of config hash ab12cd34ef56 is stored");
        assertThat(PromotionGates.laxer("bad", "{not json")).singleElement().asString().startsWith("stored simulator config unreadable");
    }

    @Test
    void mainnetCountsOnlyHyperliquidsTestnetUnlessAnotherUrlIsAccepted() {
        String real = testnet(Network.TESTNET.restUrl() + "/", 6, 1);
        String local = testnet("http://127.0.0.1:8080", 30, 0);
        String never = testnet(null, 0, 0);
        List<PromotionGates.TestnetEvidence> ev = PromotionGates.testnetEvidence(store, HASH, List.of());
        assertThat(ev).extracting(PromotionGates.TestnetEvidence::deploymentId).containsExactly(real, local, never);
        assertThat(ev.get(0).counted()).isTrue();
        assertThat(ev.get(0).sent()).isEqualTo(7);
        assertThat(ev.get(0).accepted()).isEqualTo(6);
        assertThat(ev.get(1).counted()).isFalse();
        assertThat(ev.get(1).why()).contains("not Hyperliquid's testnet", "--accept-evidence-from");
        assertThat(ev.get(2).counted()).isFalse();
        assertThat(ev.get(2).why()).contains("no endpoint recorded");

        PromotionGates.Verdict v = PromotionGates.mainnet(P, ev);
        assertThat(v.passed()).as("7 sent < 10 once the local server's 30 are not counted").isFalse();
        assertThat(v.message()).contains("testnet orders sent 7 (minimum 10)", "counted: " + real + " at " + Network.TESTNET.restUrl(),
                "not counted: " + local + " at http://127.0.0.1:8080 (30 sent): not Hyperliquid's testnet", never);

        List<PromotionGates.TestnetEvidence> accepted = PromotionGates.testnetEvidence(store, HASH, List.of("HTTP://127.0.0.1:8080/"));
        assertThat(accepted.get(1).counted()).isTrue();
        assertThat(accepted.get(1).why()).contains("accepted with --accept-evidence-from");
        PromotionGates.Verdict ok = PromotionGates.mainnet(P, accepted);
        assertThat(ok.passed()).isTrue();
        assertThat(ok.message()).contains("testnet orders sent 37 (minimum 10), accepted 36");
    }
}
