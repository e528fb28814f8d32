package io.hypertrader.bench;

import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.bench.refrule.MaCrossParity;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.testdata.CandleCsv;
import org.junit.jupiter.api.Test;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parity of the ta4j-rules strategy: a moving-average crossover through ta4j's own
 * BarSeriesManager and through our engine (ideal profile, close mode) takes the same trades.
 */
class MaCrossParityTest {

    private static CandleSeries candles() {
        return CandleCsv.read(Path.of("datasets/synthetic-btc-1h.csv"), "BTC", Interval.H1);
    }

    @Test
    void engineTakesTa4jsTradesUnderTheIdealProfile() {
        CandleSeries c = candles();
        List<MaCrossParity.Trade3> ta4j = MaCrossParity.trades(MaCrossParity.ta4j(MaCrossParity.series(c,
                DoubleNumFactory.getInstance())));
        BacktestResult ours = MaCrossParity.engine(c, SimConfig.IDEAL);
        assertThat(ta4j.size()).as("a crossover over 5000 bars trades often").isGreaterThan(40);
        assertThat(MaCrossParity.trades(ours, c)).isEqualTo(ta4j);
        // ta4j's exact decimals decide the same crossings on these prices
        List<MaCrossParity.Trade3> decimal = MaCrossParity.trades(MaCrossParity.ta4j(MaCrossParity.series(c,
                DecimalNumFactory.getInstance())));
        assertThat(decimal).isEqualTo(ta4j);
        // the engine kept what ta4j does not: a ledger that balances and an equity curve per bar
        assertThat(Math.abs(ours.summary().ledgerResidual())).isLessThan(1e-6);
        assertThat(ours.equity()).hasSize(c.size());
    }

    @Test
    void theRealisticProfileChangesPricesNotDecisions() {
        CandleSeries c = candles();
        BacktestResult ideal = MaCrossParity.engine(c, SimConfig.IDEAL);
        BacktestResult real = MaCrossParity.engine(c, SimConfig.REALISTIC);
        List<MaCrossParity.Trade3> a = MaCrossParity.trades(ideal, c);
        List<MaCrossParity.Trade3> b = MaCrossParity.trades(real, c);
        assertThat(real.summary().fees()).isGreaterThan(0);
        assertThat(real.summary().finalEquity()).isLessThan(ideal.summary().finalEquity());
        assertThat(b.stream().map(MaCrossParity.Trade3::price).toList())
                .isNotEqualTo(a.stream().map(MaCrossParity.Trade3::price).toList());
    }
}
