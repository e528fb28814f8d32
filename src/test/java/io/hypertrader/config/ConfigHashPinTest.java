package io.hypertrader.config;

import io.hypertrader.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the canonical JSON and the SHA-256 {@code config_hash} of the shipped configs, of variants
 * that reach every branch of the canonical form (portfolio without strategy.coin, null and set
 * optional numbers, instruments, whole numbers given as floats, a numeric name, every enum), and
 * of the simulator profiles. Stored runs and deployments keep these hashes and promotion gates on
 * them: a change here means every stored run stops verifying. The values were taken from the
 * hand-written loader before it was rebuilt on Jackson binding.
 */
class ConfigHashPinTest {
    private static final Path FIB = Path.of("config/fib-hedge.yaml");
    private static final Path PORTFOLIO = Path.of("config/portfolio-example.yaml");

    static final String FIB_JSON = "{\"name\":\"fib-hedge-btc-1h\",\"strategy\":{\"type\":\"fib-hedge\",\"coin\":\"BTC\","
            + "\"interval\":\"1h\",\"thesis\":\"bull\",\"trigger\":\"intrabar\",\"levels\":{\"hedge\":0.236,\"scale\":0.382,"
            + "\"deep\":0.5,\"chart\":[0.618]},\"exposure\":{\"full\":{\"long\":1.0,\"short\":0.0},\"hedged\":{\"long\":0.5,"
            + "\"short\":0.5},\"scaled\":{\"long\":0.25,\"short\":0.5},\"deep\":{\"long\":0.0,\"short\":0.25},\"recovering\":"
            + "{\"long\":0.5,\"short\":0.0}},\"arm\":{\"minGainPct\":0.02,\"minGainAtr\":2.0,\"atrBars\":14},\"entry\":"
            + "{\"warmupBars\":50,\"price\":null},\"hedgeExit\":{\"peakReclaim\":true,\"shortStopPct\":0.236},\"reversal\":"
            + "{\"half\":0.236,\"full\":0.382},\"longStop\":{\"initialPct\":0.1,\"trailPct\":0.1},\"sizing\":{\"allocation\":1.0,"
            + "\"cashReserve\":0.1,\"leverage\":3,\"fixedQty\":null},\"profit\":{\"spotSavingsPct\":0.0}},\"account\":"
            + "{\"initialEquity\":10000.0},\"instruments\":{},\"risk\":{\"maxPositionFraction\":3.0,\"maxLeverage\":5.0,"
            + "\"dailyLossFraction\":0.3,\"positionStopFraction\":0.75,\"maxOpenCoins\":5,\"maxOrderNotionalUsd\":1000000.0,"
            + "\"maxOrdersPerMinute\":30,\"maxPositionNotionalUsd\":null},\"promotion\":{\"paperMaxDrawdown\":0.25,"
            + "\"paperMinTrades\":10,\"testnetMinPaperHours\":24.0,\"testnetMinPaperTrades\":5,\"mainnetMinTestnetOrders\":100,"
            + "\"mainnetMinSuccessRate\":0.95,\"mainnetMaxPositionUsd\":100.0,\"confirmationHours\":24.0}}";

    static final String PORTFOLIO_JSON = "{\"name\":\"fib-hedge-portfolio\",\"portfolio\":{\"weights\":{\"BTC\":0.4,"
            + "\"ETH\":0.3,\"SOL\":0.2}},\"strategy\":{\"type\":\"fib-hedge\",\"interval\":\"4h\",\"thesis\":\"bull\","
            + "\"trigger\":\"intrabar\",\"levels\":{\"hedge\":0.236,\"scale\":0.382,\"deep\":0.5,\"chart\":[0.618]},"
            + "\"exposure\":{\"full\":{\"long\":1.0,\"short\":0.0},\"hedged\":{\"long\":0.5,\"short\":0.5},\"scaled\":"
            + "{\"long\":0.25,\"short\":0.5},\"deep\":{\"long\":0.0,\"short\":0.25},\"recovering\":{\"long\":0.5,"
            + "\"short\":0.0}},\"arm\":{\"minGainPct\":0.02,\"minGainAtr\":2.0,\"atrBars\":14},\"entry\":{\"warmupBars\":50,"
            + "\"price\":null},\"hedgeExit\":{\"peakReclaim\":true,\"shortStopPct\":0.115},\"reversal\":{\"half\":0.236,"
            + "\"full\":0.382},\"longStop\":{\"initialPct\":0.1,\"trailPct\":0.1},\"sizing\":{\"allocation\":1.0,"
            + "\"cashReserve\":0.1,\"leverage\":2,\"fixedQty\":null},\"profit\":{\"spotSavingsPct\":0.0}},\"account\":"
            + "{\"initialEquity\":25000.0},\"instruments\":{},\"risk\":{\"maxPositionFraction\":1.0,\"maxLeverage\":5.0,"
            + "\"dailyLossFraction\":0.2,\"positionStopFraction\":0.35,\"maxOpenCoins\":5,\"maxOrderNotionalUsd\":1000000.0,"
            + "\"maxOrdersPerMinute\":30,\"maxPositionNotionalUsd\":null},\"promotion\":{\"paperMaxDrawdown\":0.25,"
            + "\"paperMinTrades\":10,\"testnetMinPaperHours\":24.0,\"testnetMinPaperTrades\":5,\"mainnetMinTestnetOrders\":100,"
            + "\"mainnetMinSuccessRate\":0.95,\"mainnetMaxPositionUsd\":100.0,\"confirmationHours\":24.0}}";

    private static void pinned(StrategyConfig c, String hash) {
        assertThat(c.hash()).isEqualTo(hash);
        assertThat(ConfigLoader.sha256(c.json())).isEqualTo(hash);
        // verify and report read the stored JSON back through the loader: same config, same hash
        StrategyConfig back = ConfigLoader.parse(c.json(), "stored", Map.of());
        assertThat(back.json()).isEqualTo(c.json());
        assertThat(back.hash()).isEqualTo(hash);
    }

    @Test
    void shippedConfigsKeepTheirCanonicalJsonAndHash() {
        StrategyConfig fib = ConfigLoader.load(FIB);
        assertThat(fib.json()).isEqualTo(FIB_JSON);
        pinned(fib, "175ad1ac995ff815e4dec849603427cc35a1e83a0087677a3abfb3c33b14874e");
        StrategyConfig portfolio = ConfigLoader.load(PORTFOLIO);
        assertThat(portfolio.json()).isEqualTo(PORTFOLIO_JSON);
        pinned(portfolio, "0371e94882e387ac637c1f45d5030c75cbc64eaa432b6813b7d478970ccec43e");
    }

    @Test
    void variantsReachingEveryBranchOfTheCanonicalFormKeepTheirHash() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("strategy.sizing.fixedQty", "0.01");
        o.put("strategy.entry.price", "25000");
        o.put("risk.maxPositionNotionalUsd", "50000");
        o.put("strategy.thesis", "bear");
        o.put("strategy.trigger", "close");
        o.put("strategy.levels.chart", "[0.618, 0.786]");
        o.put("instruments.BTC.szDecimals", "5");
        o.put("instruments.BTC.maxLeverage", "40");
        o.put("name", "123");
        o.put("strategy.sizing.leverage", "2.0");
        o.put("strategy.arm.atrBars", "20");
        o.put("strategy.hedgeExit.peakReclaim", "false");
        o.put("strategy.exposure.hedged.short", "0.4");
        o.put("strategy.profit.spotSavingsPct", "0.25");
        o.put("promotion.paperMinTrades", "12");
        o.put("account.initialEquity", "12345.5");
        o.put("strategy.interval", "4h");
        pinned(ConfigLoader.load(FIB, o), "380ea025eb9052e5c525eb49f61fc1c86ef1496fb4f5f8ae7096c823f23f2c83");
        pinned(ConfigLoader.load(PORTFOLIO, Map.of("instruments.SOL.szDecimals", "1", "instruments.SOL.maxLeverage", "20",
                "strategy.sizing.fixedQty", "2")), "f12286348c245dc738d684c9e03c188087a5d35b5d52cbbc92fbdd89b93f0efe");
        pinned(ConfigLoader.parse("strategy: {coin: ETH, interval: 4h}\nrisk: {maxPositionFraction: 3.0, maxLeverage: 5,"
                        + " dailyLossFraction: 0.30, positionStopFraction: 0.75, maxOrderNotionalUsd: 1000000}\n", "t", Map.of()),
                "f43572b8ade343a4fd7efbea24d01af8e8bfa2c1bac0d160480642c2b43a6b3d");
    }

    @Test
    void simulatorProfilesKeepTheirCanonicalJson() {
        Map<String, String> pins = Map.of(
                "ideal", "aedf230ccea42165c37abfa9384c950e112c8c505163936a87eddcec395cdf46",
                "seed", "2fb18806fb9949b962bce2c19f5f8c4ccc11db2e7c7d4617639b67858c7e98da",
                "realistic", "c74a3dd35c444c67449079a897ccc7827bb83c7c0d7992add80e9445e2b2eda8");
        pins.forEach((name, hash) -> {
            SimConfig preset = ConfigLoader.simProfile(name, Map.of());
            SimConfig file = ConfigLoader.loadSim(Path.of("config/sim/" + name + ".yaml"), null, Map.of());
            assertThat(ConfigLoader.sha256(ConfigLoader.simJson(preset))).as(name).isEqualTo(hash);
            assertThat(ConfigLoader.sha256(ConfigLoader.simJson(file))).as(name).isEqualTo(hash);
            assertThat(ConfigLoader.sha256(ConfigLoader.simJson(SimConfig.preset(name)))).as(name).isEqualTo(hash);
        });
        assertThat(ConfigLoader.simJson(SimConfig.REALISTIC)).isEqualTo("{\"profile\":\"realistic\",\"path\":"
                + "\"bullish-low-first\",\"tickRounding\":true,\"latency\":{\"model\":\"drift\",\"minMs\":50,\"maxMs\":200},"
                + "\"slippage\":{\"model\":\"sqrt-impact\",\"minBp\":0.0,\"maxBp\":0.0,\"fullSizeUsd\":100000.0,"
                + "\"halfSpreadBp\":1.0,\"k\":1.0,\"windowHours\":24,\"marketMaxPct\":0.05},\"fills\":{\"model\":"
                + "\"volume-capped\",\"partialAboveUsd\":10000.0,\"partialProbability\":0.0,\"partialMin\":0.5,"
                + "\"partialMax\":0.9,\"maxParticipation\":0.1},\"rejection\":{\"exchangeRules\":true,\"maxNotionalUsd\":null,"
                + "\"randomRate\":0.0},\"fees\":{\"makerBp\":1.5,\"takerBp\":4.5},\"funding\":{\"model\":\"historical\","
                + "\"fallbackHourlyRate\":1.25E-5}}");
        // a custom profile: a name of its own, a cap, a rebate, a path mode, file and override fields together
        SimConfig custom = ConfigLoader.parseSim("profile: my-venue\npath: worst-case\nrejection: {maxNotionalUsd: 50000}\n"
                + "latency: {maxMs: 500}\nfees: {makerBp: -0.5}\n", "x", Map.of("slippage.k", "2"));
        String json = ConfigLoader.simJson(custom);
        assertThat(ConfigLoader.sha256(json)).isEqualTo("56ed8285a1221532a0b6019e11f00baac8fa2142e77b50ee7dae7e2aa09fb5af");
        assertThat(ConfigLoader.parseSim(json, "stored", Map.of())).isEqualTo(custom);
    }
}
