package io.hypertrader.backtest.analysis;

import io.hypertrader.analytics.PathInterval;
import io.hypertrader.store.BacktestJob;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.FibBacktest;
import io.hypertrader.testdata.CandleCsv;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The path interval: the run under the four path modes, on the shipped dataset (no ../shared needed). */
class PathIntervalsTest {
    static final Coin BTC = Coin.of("BTC");

    @Test
    void eachModeIsAnOrdinaryBacktestOfThatModeAndTheRunItselfIsReused() {
        CandleSeries s = CandleCsv.read(Path.of("datasets/synthetic-btc-1h.csv"), "BTC", Interval.H1);
        StrategyConfig cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"));
        BacktestJob.Inputs in = new BacktestJob.Inputs(List.of(s), Map.of(),
                Map.of(BTC, FibBacktest.instrument(cfg, Map.of(), BTC)));
        SimConfig sim = SimConfig.REALISTIC.withPath(PathMode.LOW_FIRST);
        BacktestResult main = FibBacktest.run(cfg, in.series(), in.funding(), in.grids(), sim, 3);
        PathInterval pi = PathIntervals.of(cfg, in.series(), in.funding(), in.grids(), in.detail(), sim, 3, main);
        assertThat(pi.mainMode()).isEqualTo("low-first");
        assertThat(pi.outcomes()).extracting(PathInterval.Outcome::mode)
                .containsExactly("bullish-low-first", "high-first", "low-first", "worst-case");
        for (PathInterval.Outcome o : pi.outcomes()) {
            BacktestResult r = o.mode().equals("low-first") ? main
                    : FibBacktest.run(cfg, in.series(), in.funding(), in.grids(), sim.withPath(PathMode.parse(o.mode())), 3);
            assertThat(o.finalEquity()).isEqualTo(r.summary().finalEquity());
            assertThat(o.totalReturn()).isEqualTo(r.summary().totalReturn());
            assertThat(o.maxDrawdown()).isEqualTo(r.summary().maxDrawdown());
            assertThat(o.eventLogSha256()).isEqualTo(r.eventLogSha256());
        }
        // the modes differ (the assumption matters on these candles) and the interval is the same every time
        assertThat(pi.outcomes().stream().map(PathInterval.Outcome::eventLogSha256).distinct()).hasSize(4);
        assertThat(PathIntervals.of(cfg, in.series(), in.funding(), in.grids(), in.detail(), sim, 3, main)).isEqualTo(pi);
    }

    @Test
    void materialDisagreementIsAboveOneAndAQuarterOrReturnsOfBothSigns() {
        PathInterval close = interval(10_000, 10_500, 11_000, 12_400);
        assertThat(close.ratio()).isEqualTo(1.24);
        assertThat(close.disagrees()).isFalse();
        assertThat(close.warning()).isNull();
        PathInterval wide = interval(10_000, 10_500, 11_000, 12_600);
        assertThat(wide.disagrees()).isTrue();
        assertThat(wide.warning()).contains("1.26x the smallest", "--detail INTERVAL", "worst-case", "high-first");
        // within 1.25x but one mode made money and another lost it
        PathInterval signs = interval(9_500, 9_900, 10_100, 10_400);
        assertThat(signs.ratio()).isLessThan(1.25);
        assertThat(signs.disagrees()).isTrue();
        assertThat(signs.warning()).contains("the returns differ in sign");
        // a ruined mode: the ratio is infinite
        PathInterval ruin = interval(0, 9_000, 9_500, 9_800);
        assertThat(ruin.ratio()).isInfinite();
        assertThat(ruin.disagrees()).isTrue();
    }

    /** Four outcomes from 10,000: worst-case, low-first, bullish-low-first (the run), high-first. */
    private static PathInterval interval(double worst, double low, double main, double high) {
        return new PathInterval("bullish-low-first", List.of(outcome("bullish-low-first", main),
                outcome("high-first", high), outcome("low-first", low), outcome("worst-case", worst)));
    }

    private static PathInterval.Outcome outcome(String mode, double fin) {
        return new PathInterval.Outcome(mode, fin, fin / 10_000 - 1, 0.1, "");
    }
}
