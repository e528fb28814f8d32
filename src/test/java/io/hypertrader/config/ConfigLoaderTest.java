package io.hypertrader.config;

import io.hypertrader.core.Coin;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.Thesis;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final Path FIB = Path.of("config/fib-hedge.yaml");

    private static StrategyConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of());
    }

    private static void refused(String yaml, String... parts) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(UserError.Kind.USAGE))
                .message().contains(parts);
    }

    @Test
    void shippedConfigIsTheSpecDefaults() {
        StrategyConfig c = ConfigLoader.load(FIB);
        FibHedgeParams d = FibHedgeParams.defaults(Coin.of("BTC"), io.hypertrader.core.Interval.H1);
        assertThat(c.strategy().levels()).isEqualTo(d.levels());
        assertThat(c.strategy().exposure()).isEqualTo(d.exposure());
        assertThat(c.strategy().arm()).isEqualTo(d.arm());
        assertThat(c.strategy().hedgeExit()).isEqualTo(d.hedgeExit());
        assertThat(c.strategy().reversal()).isEqualTo(d.reversal());
        assertThat(c.strategy().longStop()).isEqualTo(d.longStop());
        assertThat(c.strategy().sizing().leverage()).isEqualTo(3);
        assertThat(c.strategy().trigger()).isEqualTo(PriceMode.INTRABAR);
        assertThat(c.initialEquity()).isEqualTo(10_000);
        assertThat(c.risk()).isEqualTo(io.hypertrader.risk.RiskLimits.DEFAULTS);
        assertThat(c.promotion()).isEqualTo(PromotionConfig.DEFAULTS);
        assertThat(c.hash()).hasSize(64);
        // an empty file means the same effective config: same canonical JSON, same hash
        StrategyConfig empty = parse("name: fib-hedge-btc-1h\n");
        assertThat(empty.json()).isEqualTo(c.json());
        assertThat(empty.hash()).isEqualTo(c.hash());
        // the canonical JSON reads back to the same config
        assertThat(ConfigLoader.parse(c.json(), "json", Map.of()).hash()).isEqualTo(c.hash());
    }

    @Test
    void portfolioExampleLoads() {
        StrategyConfig c = ConfigLoader.load(Path.of("config/portfolio-example.yaml"));
        assertThat(c.isPortfolio()).isTrue();
        assertThat(c.coins()).extracting(Coin::name).containsExactly("BTC", "ETH", "SOL");
        assertThat(c.perCoin()).extracting(p -> p.sizing().allocation()).containsExactly(0.4, 0.3, 0.2);
        assertThat(c.perCoin().get(1).coin()).isEqualTo(Coin.of("ETH"));
    }

    @Test
    void dottedOverridesApplyBeforeValidation() {
        StrategyConfig c = ConfigLoader.load(FIB, Map.of("strategy.levels.hedge", "0.25", "strategy.thesis", "bear",
                "strategy.sizing.leverage", "2", "account.initialEquity", "5000"));
        assertThat(c.strategy().levels().hedge()).isEqualTo(0.25);
        assertThat(c.strategy().thesis()).isEqualTo(Thesis.BEAR);
        assertThat(c.initialEquity()).isEqualTo(5000);
        assertThat(c.hash()).isNotEqualTo(ConfigLoader.load(FIB).hash());
        // an override that breaks a rule is refused like the file would be
        assertThatThrownBy(() -> ConfigLoader.load(FIB, Map.of("strategy.levels.hedge", "0.45")))
                .isInstanceOf(UserError.class).hasMessageContaining("strategy.levels.scale")
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> ConfigLoader.load(FIB, Map.of("strategy.levels.hedgee", "0.2")))
                .isInstanceOf(UserError.class).hasMessageContaining("strategy.levels.hedgee: unknown key");
        // overrides may create a section the file leaves out
        assertThat(ConfigLoader.parse("strategy: {coin: ETH}\n", "t", Map.of("strategy.arm.atrBars", "20"))
                .strategy().arm().atrBars()).isEqualTo(20);
    }

    @Test
    void badValuesAreRefusedWithPathValueAndRule() {
        refused("strategy: {levels: {hedge: 1.2}}", "test.yaml", "strategy.levels.hedge = 1.2", "(0, 1)");
        refused("strategy: {levels: {hedge: 0.4, scale: 0.3}}", "strategy.levels.scale = 0.3", "ascending");
        refused("strategy: {levels: {hedge: abc}}", "strategy.levels.hedge = 'abc'", "must be a number");
        refused("strategy: {typo: 1}", "strategy.typo: unknown key");
        refused("strategee: {}", "strategee: unknown key");
        refused("strategy: {thesis: sideways}", "strategy.thesis = sideways", "bull, bear");
        refused("strategy: {interval: 7h}", "strategy.interval = 7h");
        refused("strategy: {sizing: {leverage: 11}}", "strategy.sizing.leverage = 11", "[1, 10]");
        refused("strategy: {reversal: {half: 0.5, full: 0.4}}", "strategy.reversal.full = 0.4");
        refused("portfolio: {weights: {BTC: 0.6, ETH: 0.5}}", "portfolio.weights", "sum to at most 1");
        refused("portfolio: {weights: {BTC: 0.6}}\nstrategy: {coin: ETH}", "strategy.coin", "not both");
        refused("strategy: [1, 2]", "strategy", "must be a section");
        refused("strategy: {levels: {hedge: 0.2}}\nstrategy: {}", "not valid YAML");
        refused("risk: {maxOpenCoins: 0}", "risk.maxOpenCoins = 0");
    }

    @Test
    void aStopBeyondTheLiquidationPriceIsRefused() {
        // leverage 10, no reserve: effective 10x, BTC maintenance 1.25%: liquidated after an 8.9% fall
        refused("strategy: {sizing: {leverage: 10, cashReserve: 0}}", "strategy.longStop.initialPct = 0.1",
                "beyond the estimated liquidation", "8.9%");
        assertThat(parse("strategy: {sizing: {leverage: 10, cashReserve: 0}, longStop: {initialPct: 0.05}}")
                .strategy().sizing().leverage()).isEqualTo(10);
        // the default (3x, 10% reserve) is far from it
        assertThat(parse("{}").strategy().longStop().initialPct()).isEqualTo(0.10);
    }

    @Test
    void simProfilesInConfigMatchTheBuiltInPresets() {
        for (String name : new String[]{"ideal", "seed", "realistic"}) {
            SimConfig file = ConfigLoader.loadSim(Path.of("config/sim/" + name + ".yaml"), null, Map.of());
            assertThat(file).as(name).isEqualTo(SimConfig.preset(name));
            assertThat(ConfigLoader.simProfile(name, Map.of())).isEqualTo(SimConfig.preset(name));
            assertThat(ConfigLoader.parseSim(ConfigLoader.simJson(file), "json", Map.of())).isEqualTo(file);
        }
        SimConfig custom = ConfigLoader.parseSim("profile: seed\nfees: {takerBp: 3}\n", "x", Map.of("latency.maxMs", "500"));
        assertThat(custom.fees().takerBp()).isEqualTo(3);
        assertThat(custom.fees().makerBp()).isEqualTo(2.5);
        assertThat(custom.latency().maxMs()).isEqualTo(500);
        assertThatThrownBy(() -> ConfigLoader.parseSim("latency: {model: warp}", "x", Map.of()))
                .hasMessageContaining("latency.model = warp").hasMessageContaining("none, uniform, drift");
    }
}
