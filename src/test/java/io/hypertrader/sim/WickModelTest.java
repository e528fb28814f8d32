package io.hypertrader.sim;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.testdata.CandleCsv;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Wicks are touched, not dwelt in (issue 12): a resting limit deep in an isolated wick gets only the
 * volume the wick model says traded at or beyond it. Real data: the Coinbase (GDAX) ETH-USD flash
 * crash of 2017-06-21, the 4h bar of 16:00 (O 314.90, H 321.45, L 0.10, C 298.00, 246,742 ETH).
 * Its path (bullish-low-first, close below open: high first) runs 321.45 -> 0.10 -> 298.00; a
 * buy limit at x is crossed on the way down and is still crossed when the way up begins. Before the
 * model a limit at $10 was filled with 10% of both segments' volume, 16,449 ETH.
 */
class WickModelTest {
    private static final Coin ETH = new Coin("ETH");

    /** Rests one large GTC buy limit at the first price point. */
    static final class RestingBuy implements Strategy {
        final double price;
        ExecutionVenue venue;
        boolean sent;

        RestingBuy(double price) {
            this.price = price;
        }

        @Override
        public void start(StrategyContext context) {
            venue = context.venue();
            venue.setLeverage(ETH, 20);
        }

        @Override
        public PriceMode priceMode() {
            return PriceMode.INTRABAR;
        }

        @Override
        public void onPrice(Coin c, long t, double p) {
            if (!sent) {
                sent = true;
                venue.submit(OrderRequest.limit(ETH, Side.BUY, 1_000_000, price, TimeInForce.GTC, "wick"));
            }
        }

        @Override
        public void onBarClose(Coin c, long openTime, double o, double h, double l, double cl, double v) {
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
        }
    }

    private static double filledAt(double limit) {
        CandleSeries all = CandleCsv.read(SharedDatasets.file("coinbase-ethusd-4h-2016-2025.csv",
                "the wick model is tested on the ETH flash crash of 2017-06-21"), "ETH", Interval.H4);
        long from = Instant.parse("2017-06-21T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2017-06-22T00:00:00Z").toEpochMilli();
        int a = 0;
        while (all.openTime(a) < from) {
            a++;
        }
        int b = a;
        while (all.openTime(b) < to) {
            b++;
        }
        CandleSeries day = all.slice(a, b);
        Instrument inst = Instrument.known(ETH);
        BacktestInput in = new BacktestInput(List.of(day), Map.of(), List.of(inst), SimConfig.REALISTIC, 1, 1e9);
        BacktestResult r = Backtester.run(in, List.of(new StrategySlot(new RestingBuy(limit), List.of(ETH))));
        return r.fills().stream().mapToDouble(Fill::size).sum();
    }

    @Test
    void aLimitAtTheTipOfTheWickFillsLittleAndOneHigherUpMore() {
        double cap = 0.10 * 246742.22053973 / 3; // realistic: 10% of each segment's volume, a third of the bar's
        double down = 321.45 - 0.10;
        double up = 298.00 - 0.10;
        for (double x : new double[]{10, 100, 250}) {
            double d = x - 0.10;
            // the volume at or below x: the square of x's share of each segment's range
            double expected = cap * (d * d / (down * down)) + cap * (d * d / (up * up));
            assertThat(filledAt(x)).as("filled at a buy limit of %s", x).isCloseTo(expected, within(0.001));
        }
        // the tip: $10 of a $321 wick fills 0.2% of what a third of the bar offered before (16,449 ETH)
        assertThat(filledAt(10)).isLessThan(20).isGreaterThan(0);
    }
}
