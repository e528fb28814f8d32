package io.hypertrader.config;

import io.hypertrader.core.Coin;
import io.hypertrader.core.UserError;
import io.hypertrader.risk.RiskLimits;
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
    /** The shipped config's risk section: a backstop that fits its 2.7x sizing. */
    private static final String BACKSTOP = "risk: {maxPositionFraction: 3.0, maxLeverage: 5, dailyLossFraction: 0.30,"
            + " positionStopFraction: 0.75, maxOrderNotionalUsd: 1000000}\n";

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
        // the risk limits are a backstop beyond the sizing (2.7x) and the strategy's own 10% stop
        assertThat(c.risk()).isEqualTo(new RiskLimits(3.0, 5.0, 0.30, 0.75, 5, 1_000_000, 30, Double.POSITIVE_INFINITY));
        assertThat(c.promotion()).isEqualTo(PromotionConfig.DEFAULTS);
        assertThat(c.hash()).hasSize(64);
        // a file with an empty strategy section and those risk limits means the same effective config:
        // same canonical JSON, same hash
        StrategyConfig empty = parse("name: fib-hedge-btc-1h\nstrategy: {}\n" + BACKSTOP);
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
        // report and verify parse the stored canonical JSON back: it must read back to the same hash
        // (its sizing.allocation = 1.0 was once refused as a portfolio's allocation)
        StrategyConfig back = ConfigLoader.parse(c.json(), "run config", Map.of());
        assertThat(back.hash()).isEqualTo(c.hash());
        assertThat(back.perCoin()).extracting(p -> p.sizing().allocation()).containsExactly(0.4, 0.3, 0.2);
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
        assertThat(ConfigLoader.parse("strategy: {coin: ETH}\n" + BACKSTOP, "t", Map.of("strategy.arm.atrBars", "20"))
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
        refused("strategy: {levels: {hedge: 0.2}}\nstrategy: {}", "test.yaml:2: strategy: duplicate key (first given on line 1)");
        refused("risk: {maxOpenCoins: 0}", "risk.maxOpenCoins = 0");
    }

    @Test
    void aStopBeyondTheLiquidationPriceIsRefused() {
        // leverage 10, no reserve: effective 10x, BTC maintenance 1.25%: liquidated after an 8.9% fall
        String wide = "risk: {maxLeverage: 10, maxPositionFraction: 10, maxOrderNotionalUsd: 1000000}\n";
        refused("strategy: {sizing: {leverage: 10, cashReserve: 0}}\n" + wide, "strategy.longStop.initialPct = 0.1",
                "beyond the estimated liquidation", "8.9%");
        assertThat(parse("strategy: {sizing: {leverage: 10, cashReserve: 0}, longStop: {initialPct: 0.05}}\n" + wide)
                .strategy().sizing().leverage()).isEqualTo(10);
        // the default (3x, 10% reserve) is far from it
        assertThat(parse("strategy: {}\n" + BACKSTOP).strategy().longStop().initialPct()).isEqualTo(0.10);
    }

    @Test
    void sizingThatTheRiskLimitsWouldRefuseOnEveryEntryIsRefused() {
        // 1.0 x 3 x (1 - 0.1) = 2.7 of equity per entry against a 20% position limit
        refused("strategy: {}\nrisk: {maxPositionFraction: 0.2}", "strategy.sizing.allocation = 1 x strategy.sizing.leverage = 3 x (1 -"
                + " strategy.sizing.cashReserve = 0.1) = 2.7 of equity", "above risk.maxPositionFraction = 0.2",
                "refuse every entry", "at least 2.7");
        // exactly at the limit passes; sized down passes
        assertThat(parse("strategy: {}\nrisk: {maxPositionFraction: 2.7, maxOrderNotionalUsd: 30000}").risk().maxPositionFraction()).isEqualTo(2.7);
        assertThat(parse("strategy: {sizing: {allocation: 0.2, leverage: 1}}").risk()).isEqualTo(RiskLimits.DEFAULTS);
        // without a risk: section the defaults apply, and the message says so
        refused("strategy: {}", "risk.maxPositionFraction = 0.2", "no risk: section");
        // a portfolio: each coin's weight is its allocation, named by its path
        refused("portfolio: {weights: {BTC: 0.5, ETH: 0.4}}\nstrategy: {sizing: {leverage: 2}}\n"
                        + "risk: {maxPositionFraction: 0.85, maxOrderNotionalUsd: 1000000}",
                "portfolio.weights.BTC = 0.5 x strategy.sizing.leverage = 2", "= 0.9 of equity",
                "above risk.maxPositionFraction = 0.85");
        // fixedQty sizing does not depend on equity: not checked against the fraction
        assertThat(parse("strategy: {sizing: {fixedQty: 0.01}}").strategy().sizing().fixedQty()).isEqualTo(0.01);
    }

    @Test
    void strategyLeverageAboveTheRiskLeverageIsRefused() {
        refused("strategy: {sizing: {leverage: 6, allocation: 0.1}}\nrisk: {maxPositionFraction: 1}",
                "strategy.sizing.leverage = 6 is above risk.maxLeverage = 5", "refuse every entry");
        refused("strategy: {sizing: {leverage: 3}}\n" + BACKSTOP.replace("maxLeverage: 5", "maxLeverage: 2.5"),
                "strategy.sizing.leverage = 3 is above risk.maxLeverage = 2.5");
        assertThat(parse("strategy: {sizing: {leverage: 5, allocation: 0.6}}\n" + BACKSTOP).strategy().sizing().leverage())
                .isEqualTo(5);
    }

    @Test
    void moreCoinsThanTheOpenCoinLimitIsRefused() {
        String three = "portfolio: {weights: {BTC: 0.3, ETH: 0.3, SOL: 0.3}}\nstrategy: {sizing: {leverage: 1}}\n";
        refused(three + "risk: {maxPositionFraction: 1, maxOpenCoins: 2}", "portfolio.weights = 3 coins",
                "more than risk.maxOpenCoins = 2");
        assertThat(parse(three + "risk: {maxPositionFraction: 1, maxOpenCoins: 3}").coins()).hasSize(3);
    }

    @Test
    void aFirstEntryAboveTheOrderNotionalCapIsRefused() {
        // 2.7 x 10,000 = 27,000 USDC > 25,000
        refused("strategy: {}\nrisk: {maxPositionFraction: 3, maxOrderNotionalUsd: 25000}", "27000.00 USDC at account.initialEquity = 10000",
                "above risk.maxOrderNotionalUsd = 25000", "refuse the first entry");
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
