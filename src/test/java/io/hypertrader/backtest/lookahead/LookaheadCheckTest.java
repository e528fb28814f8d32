package io.hypertrader.backtest.lookahead;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.backtest.analysis.RealCandles;
import io.hypertrader.backtest.sweep.FibSetup;
import io.hypertrader.backtest.sweep.FibTrialFactory;
import io.hypertrader.backtest.sweep.Trial;
import io.hypertrader.backtest.sweep.TrialFactory;
import io.hypertrader.backtest.sweep.TrialSpec;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LookaheadCheckTest {
    static final Coin BTC = Coin.of("BTC");
    static CandleSeries candles;

    @BeforeAll
    static void load() {
        candles = RealCandles.btcHourly(3000);
    }

    /** The fib hedge with its defaults on the real candles, realistic simulator, behind the default risk limits. */
    static FibTrialFactory fib() {
        FibSetup setup = new FibSetup(List.of(FibHedgeParams.defaults(BTC, Interval.H1)), SimConfig.REALISTIC, 10_000,
                RiskLimits.DEFAULTS);
        return new FibTrialFactory(o -> setup, List.of(candles), Map.of(), List.of(Instrument.known(BTC)));
    }

    /** A factory of the test strategy over the candles cut to the spec's window, as FibTrialFactory cuts them. */
    static TrialFactory peeking(boolean peek) {
        return spec -> {
            long[] t = candles.openTimes();
            int end = spec.toMs() == Long.MAX_VALUE ? t.length : lowerBound(t, spec.toMs());
            CandleSeries s = candles.slice(0, end);
            BacktestInput in = new BacktestInput(List.of(s), Map.of(), List.of(Instrument.known(BTC)), SimConfig.REALISTIC,
                    spec.seed(), 10_000);
            return new Trial(in, List.of(new StrategySlot(new PeekingStrategy(s, peek), List.of(BTC))), Map.of(), spec.fromMs());
        };
    }

    static int lowerBound(long[] t, long x) {
        int i = Arrays.binarySearch(t, x);
        return i >= 0 ? i : -i - 1;
    }

    static TrialSpec spec() {
        return TrialSpec.of(new LinkedHashMap<>(), 7);
    }

    @Test
    void theFibHedgeOnRealCandlesMakesTheSameDecisionsWithoutTheFuture() {
        long t0 = System.nanoTime();
        LookaheadCheck.Report r = LookaheadCheck.run(fib(), spec(), 20, 2);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("lookahead fib-hedge: %d bars, %d cuts, %d decisions, %d backtests in %d ms%n", r.bars(),
                r.cuts().size(), r.decisions(), r.backtests(), ms);
        assertThat(r.decisions()).as("the run decides things, so the cuts compare something").isGreaterThan(50);
        assertThat(r.cuts()).hasSize(20);
        assertThat(r.leaks()).isEmpty();
        assertThat(r.clean()).isTrue();
    }

    @Test
    void aStrategyThatReadsTheNextBarIsCaughtWithTheInputResponsible() {
        LookaheadCheck.Report r = LookaheadCheck.run(peeking(true), spec(), 20, 2);
        assertThat(r.clean()).isFalse();
        assertThat(r.leaks()).hasSizeGreaterThan(15); // every cut is right after a decision, which the next bar decided
        LookaheadCheck.Leak l = r.leaks().get(0);
        assertThat(l.exposes()).isTrue();
        assertThat(l.inputs()).isNotEmpty();
        assertThat(l.inputs().get(0).name()).isEqualTo("signalClose");
        assertThat(l.inputs().get(0).truncated()).isEqualTo("NaN"); // no next bar at the cut
        assertThat(l.inputs().get(0).full()).isNotEqualTo("NaN");
        // the input differs at the cut's last bar, and the decision changed there
        assertThat(l.inputs().get(0).barOpenMs() + candles.interval().millis()).isEqualTo(l.cutMs());
        assertThat(l.decision().timeMs()).isLessThan(l.cutMs());
        assertThat(l.decision().kind()).isIn("order", "fill");
        assertThat(l.onlyFull()).contains(l.full());
        assertThat(l.differing()).isEqualTo(l.onlyFull().size() + l.onlyCut().size());
    }

    @Test
    void theSameStrategyReadingThePreviousBarIsClean() {
        LookaheadCheck.Report r = LookaheadCheck.run(peeking(false), spec(), 20, 2);
        assertThat(r.decisions()).isGreaterThan(100);
        assertThat(r.leaks()).isEmpty();
    }

    @Test
    void theCutsFollowTheDecisionsAndTheThreadCountChangesNothing() {
        LookaheadCheck.Report one = LookaheadCheck.run(peeking(true), spec(), 8, 1);
        LookaheadCheck.Report two = LookaheadCheck.run(peeking(true), spec(), 8, 2);
        assertThat(two).isEqualTo(one);
        assertThat(one.cuts()).hasSize(8).isSorted();
    }
}
