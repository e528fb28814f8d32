package io.hypertrader.backtest;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.risk.RiskRule;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.testdata.CandleCsv;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account-wide risk rules in a backtest of two coins on one account (issue 10, point 5): the
 * open-coin count and total leverage see every coin, not only the coin of the order. Real data:
 * the last 3000 4h candles of Coinbase BTC and ETH (../shared), the golden portfolio config
 * (BTC 0.5 and ETH 0.4 of the account at 4x: 1.8x and 1.44x of equity in full).
 */
class AccountWideRiskTest {

    private static final Path CONFIG = Path.of("src/test/resources/golden/portfolio-btc-eth-4h.yaml");
    private static List<CandleSeries> series;
    private static StrategyConfig cfg;

    @BeforeAll
    static void load() {
        Path shared = SharedDatasets.require("the account-wide risk backtests run on the last 3000 4h candles of BTC and ETH");
        series = List.of(CandleCsv.lastN(shared.resolve("coinbase-btcusd-4h-2016-2025.csv"), "BTC", Interval.H4, 3000),
                CandleCsv.lastN(shared.resolve("coinbase-ethusd-4h-2016-2025.csv"), "ETH", Interval.H4, 3000));
        cfg = ConfigLoader.load(CONFIG);
    }

    /** The config's limits with another open-coin count and leverage (the loader refuses a portfolio above its maxOpenCoins). */
    private static RiskLimits limits(int maxOpenCoins, double maxLeverage) {
        RiskLimits l = cfg.risk();
        return new RiskLimits(l.maxPositionFraction(), maxLeverage, l.dailyLossFraction(), l.positionStopFraction(), maxOpenCoins,
                l.maxOrderNotionalUsd(), l.maxOrdersPerMinute(), l.maxPositionNotionalUsd());
    }

    private static BacktestResult run(RiskLimits limits) {
        return FibBacktest.run(cfg, series, Map.of(), Map.of(), SimConfig.REALISTIC, 5, limits);
    }

    /** Steps at which both coins hold a position. */
    private static int stepsWithBoth(BacktestResult r) {
        int n = 0;
        for (int k = 0; k < r.times().length; k++) {
            if (r.position()[0][k] != 0 && r.position()[1][k] != 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void withOneOpenCoinTheSecondCoinsEntryIsRefusedWhileTheFirstHoldsAPosition() {
        BacktestResult both = run(limits(2, 5));
        assertThat(stepsWithBoth(both)).as("with two coins allowed, BTC and ETH are held together").isPositive();
        assertThat(both.riskEvents()).extracting(RiskEvent::rule).doesNotContain(RiskRule.OPEN_COINS);

        BacktestResult one = run(limits(1, 5));
        assertThat(stepsWithBoth(one)).as("steps at which BTC and ETH are both held, maxOpenCoins 1").isZero();
        List<RiskEvent> refused = one.riskEvents().stream().filter(e -> e.rule() == RiskRule.OPEN_COINS).toList();
        assertThat(refused).isNotEmpty().allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(RiskEvent.Action.REFUSED);
            assertThat(e.reason()).contains("would make 2 coins with positions or working orders (limit 1)");
        });
        assertThat(refused).extracting(RiskEvent::coin).contains("BTC", "ETH"); // each coin is refused while the other holds
        assertThat(one.refusedOrders()).anySatisfy(o -> assertThat(o.reason()).startsWith("OPEN_COINS: "));
        // both coins still trade, one at a time
        assertThat(one.fills()).extracting(f -> f.coin().name()).contains("BTC", "ETH");
    }

    @Test
    void totalLeverageCountsTheOtherCoinsPosition() {
        // each coin alone fits in 2.5x (BTC 1.8x, ETH 1.44x in full); both in full (3.24x) do not
        BacktestResult r = run(limits(5, 2.5));
        List<RiskEvent> leverage = r.riskEvents().stream().filter(e -> e.rule() == RiskRule.LEVERAGE).toList();
        assertThat(leverage).isNotEmpty().allSatisfy(e -> assertThat(e.reason()).contains("(limit 2.50x)"));
        // a refusal needs the other coin (alone an order stays below 1.8x of equity): it holds a
        // position around then, or has an order working that will open one (both coins decide on the same bar)
        for (RiskEvent e : leverage) {
            int k = step(r, e.timeMs());
            int other = r.coins().get(0).name().equals(e.coin()) ? 1 : 0;
            // positions are recorded at the end of each bar: the bar before the event's, and its own
            boolean held = r.position()[other][Math.max(0, k - 1)] != 0 || r.position()[other][k] != 0;
            boolean working = r.orders().stream().anyMatch(o -> o.request().coin().equals(r.coins().get(other))
                    && !o.request().reduceOnly() && o.decisionTime() <= e.timeMs() && (o.endTime() < 0 || o.endTime() >= e.timeMs()));
            assertThat(held || working).as("the other coin holds or opens a position at " + e).isTrue();
        }
        assertThat(run(limits(5, 5)).riskEvents()).extracting(RiskEvent::rule).doesNotContain(RiskRule.LEVERAGE);
    }

    /** The last step at or before {@code timeMs}. */
    private static int step(BacktestResult r, long timeMs) {
        long[] t = r.times();
        int k = 0;
        while (k + 1 < t.length && t[k + 1] <= timeMs) {
            k++;
        }
        return k;
    }
}
