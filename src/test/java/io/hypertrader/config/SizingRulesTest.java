package io.hypertrader.config;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.strategy.fib.FibHedgeParams;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A config whose sizing cannot place one order under its own limits is refused (issue 14: fixedQty
 * 1000 on 10,000 USDC ran 14,848 refused orders to "+0.00%"). Equity sizing is checked at load;
 * fixedQty against the prices of the candles a run replays (or the config's own limit entry price).
 */
class SizingRulesTest {
    private static final Path FIB = Path.of("config/fib-hedge.yaml");
    private static final Coin BTC = Coin.of("BTC");
    private static final Instrument GRID = Instrument.known(BTC);
    private static final long JAN_1 = 1_704_067_200_000L; // 2024-01-01T00:00Z
    private static final long HOUR = 3_600_000L;

    /** Three hourly bars: the lowest price 20,000 in the second, the highest 30,000 in the third (2024-01-01). */
    private static final CandleSeries BARS = new CandleSeries(BTC, Interval.H1, new long[]{JAN_1, JAN_1 + HOUR, JAN_1 + 2 * HOUR},
            new double[]{25_000, 24_000, 21_000}, new double[]{26_000, 24_500, 30_000}, new double[]{24_500, 20_000, 21_000},
            new double[]{24_000, 21_000, 29_000}, new double[]{10, 10, 10});

    private static void checkWith(Map<String, String> overrides) {
        StrategyConfig cfg = ConfigLoader.load(FIB, overrides);
        for (FibHedgeParams p : cfg.perCoin()) {
            SizingRules.checkFixedQty("config/fib-hedge.yaml", cfg, p, GRID, BARS);
        }
    }

    private static void refusedWith(Map<String, String> overrides, String... parts) {
        assertThatThrownBy(() -> checkWith(overrides)).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(UserError.Kind.USAGE))
                .message().contains(parts);
    }

    @Test
    void theIssuesFixedQuantityOnTenThousandUsdcIsRefusedBeforeTheReplay() {
        // the shipped config's limits: 3.0 x equity per position, 1,000,000 USDC per order
        refusedWith(Map.of("strategy.sizing.fixedQty", "1000"),
                "config/fib-hedge.yaml: strategy.sizing.fixedQty = 1000 BTC is 20,000,000.00 USDC even at the lowest price"
                        + " of the replayed BTC 1h candles (20,000.00 on 2024-01-01), above risk.maxOrderNotionalUsd = 1000000:"
                        + " the risk manager would refuse every entry; lower fixedQty or size from equity (fixedQty: null)");
    }

    @Test
    void eachLimitIsCheckedAtTheLowestPriceAndTheStartingEquity() {
        // 2 x 20,000 = 40,000 = 4 x 10,000 of equity: above 3.0
        refusedWith(Map.of("strategy.sizing.fixedQty", "2"), "fixedQty = 2 BTC is 40,000.00 USDC even at the lowest price",
                "4 of account.initialEquity = 10000, above risk.maxPositionFraction = 3");
        // 3 x 20,000 = 6x equity: within a 10x position limit, above the 5x account leverage
        refusedWith(Map.of("strategy.sizing.fixedQty", "3", "risk.maxPositionFraction", "10"),
                "6x account.initialEquity = 10000, above risk.maxLeverage = 5");
        refusedWith(Map.of("strategy.sizing.fixedQty", "1", "risk.maxPositionNotionalUsd", "15000"),
                "fixedQty = 1 BTC is 20,000.00 USDC", "above risk.maxPositionNotionalUsd = 15000");
        // 1 x 20,000 = 2x equity fits at the lowest price: some entries can pass, so the run goes ahead
        assertThatCode(() -> checkWith(Map.of("strategy.sizing.fixedQty", "1"))).doesNotThrowAnyException();
    }

    @Test
    void aQuantityTooSmallToEverTradeIsRefused() {
        // 0.0003 x 30,000 = 9 USDC even at the highest price: below the exchange's 10 USDC minimum order
        refusedWith(Map.of("strategy.sizing.fixedQty", "0.0003"), "fixedQty = 0.0003 BTC is 9.00 USDC even at the highest"
                + " price of the replayed BTC 1h candles (30,000.00 on 2024-01-01), below the exchange's minimum order of 10 USDC");
        refusedWith(Map.of("strategy.sizing.fixedQty", "0.000004"),
                "strategy.sizing.fixedQty = 0.000004: rounds to 0 at BTC's size step 0.00001 (szDecimals 5)");
        assertThatCode(() -> checkWith(Map.of("strategy.sizing.fixedQty", "0.0004"))).doesNotThrowAnyException();
    }

    @Test
    void equitySizingIsNotCheckedAgainstPrices() {
        assertThatCode(() -> checkWith(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void aLimitEntryPriceIsTheConfigsOwnSoFixedQtyIsCheckedAtLoad() {
        assertThatThrownBy(() -> ConfigLoader.load(FIB, Map.of("strategy.sizing.fixedQty", "1000", "strategy.entry.price", "20000")))
                .isInstanceOf(UserError.class).hasMessageContaining("strategy.sizing.fixedQty = 1000 BTC is 20,000,000.00 USDC"
                        + " at strategy.entry.price = 20000, above risk.maxOrderNotionalUsd = 1000000");
        assertThat(ConfigLoader.load(FIB, Map.of("strategy.sizing.fixedQty", "1", "strategy.entry.price", "20000"))
                .strategy().sizing().fixedQty()).isEqualTo(1);
        // at market the price is unknown until the data is: accepted at load
        assertThat(ConfigLoader.load(FIB, Map.of("strategy.sizing.fixedQty", "1000")).strategy().sizing().fixedQty()).isEqualTo(1000);
    }

    @Test
    void anEquityTooSmallForTheMinimumOrderIsRefusedAtLoad() {
        // 1.0 x 3 x 0.9 = 2.7 of equity: 3 USDC gives an 8.10 USDC entry
        assertThatThrownBy(() -> ConfigLoader.load(FIB, Map.of("account.initialEquity", "3"))).isInstanceOf(UserError.class)
                .hasMessage("config/fib-hedge.yaml: strategy.sizing.allocation = 1 x strategy.sizing.leverage = 3 x (1 -"
                        + " strategy.sizing.cashReserve = 0.1) = 2.7 of equity, 8.10 USDC at account.initialEquity = 3, is below"
                        + " the exchange's minimum order of 10 USDC: no entry could ever be placed; raise the equity or size up");
        assertThat(ConfigLoader.load(FIB, Map.of("account.initialEquity", "4")).initialEquity()).isEqualTo(4);
    }
}
