package io.hypertrader.strategy.fib;

import io.hypertrader.backtest.Bars;
import io.hypertrader.backtest.FibRun;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Side;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.TransitionRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every transition of docs/strategy.md on crafted price paths, under the ideal profile (fills at the
 * decision price, no fees), so each expectation is plain arithmetic. Default levels 0.236 /
 * 0.382 / 0.5; E = 100 after 50 flat warm-up bars; Q = 10000 * 0.9 * 3 / 100 = 270.
 */
class FibHedgeStrategyTest {

    private static final double Q = 270.0;

    /** 50 flat bars at 100, entry at 100, then a rise to 130 (armed: G = 30). */
    private static Bars riseTo130() {
        return new Bars("BTC").flat(50, 100).to(110).to(120).to(130);
    }

    private static FibRun run(FibHedgeParams p, Bars b) {
        return FibRun.run(p, b.series(), SimConfig.IDEAL, 7);
    }

    private static List<String> path(FibRun r) {
        return r.result.transitions().stream().map(t -> t.to() + "(" + t.reason() + ")").toList();
    }

    private static List<Fill> fills(FibRun r) {
        return r.result.fills();
    }

    @Test
    void entersAtTheFirstPricePointAfterWarmUp() {
        FibRun r = run(P.defaults().get(), new Bars("BTC").flat(50, 100).bar(100, 101, 99.5, 100.5));
        assertThat(path(r)).containsExactly("FULL(entry)");
        assertThat(fills(r)).hasSize(1);
        assertThat(fills(r).get(0).timeMs()).isEqualTo(Bars.T0 + 50 * 3_600_000L);
        assertThat(fills(r).get(0).price()).isEqualTo(100.0);
        assertThat(fills(r).get(0).size()).isEqualTo(Q);
        assertThat(r.strategy.entry()).isEqualTo(100.0);
    }

    @Test
    void noHedgeBeforeTheMinimumGain() {
        // G = 1.5 < 2% of E: a dip below E must not hedge (the original code's defect)
        FibRun r = run(P.defaults().get(), new Bars("BTC").flat(50, 100).to(101.5).to(98).to(96));
        assertThat(path(r)).containsExactly("FULL(entry)");
        assertThat(r.strategy.armed()).isFalse();
        assertThat(fills(r)).hasSize(1);
    }

    @Test
    void atrTermOfArmingBlocksAHedgeInAVolatileMarket() {
        // warm-up bars with a 10-point range: ATR ~ 10, so arming needs G >= 20
        Bars b = new Bars("BTC");
        for (int i = 0; i < 50; i++) {
            b.bar(100, 105, 95, 100);
        }
        b.to(115).to(105); // G = 15 < 2 * ATR: not armed, so no hedge at L = 111.46 (stop 103.5 not hit)
        FibRun r = run(P.defaults().get(), b);
        assertThat(r.strategy.atr()).isGreaterThan(7.5);
        assertThat(path(r)).containsExactly("FULL(entry)");
        assertThat(r.strategy.armed()).isFalse();
    }

    @Test
    void hedgesAtLHedgeAndLocksTheGain() {
        FibRun r = run(P.defaults().get(), riseTo130().bar(130, 130, 122, 122.5));
        assertThat(path(r)).containsExactly("FULL(entry)", "HEDGED(hedge)");
        Fill hedge = fills(r).get(1);
        assertThat(hedge.side()).isEqualTo(Side.SELL);
        assertThat(hedge.size()).isEqualTo(Q); // 1.0 long -> 0.5 long + 0.5 short = net 0
        assertThat(hedge.price()).isCloseTo(130 - 0.236 * 30, within(1e-9));
        assertThat(r.result.position()[0][r.result.times().length - 1]).isZero();
        assertThat(r.result.longLeg()[0][r.result.times().length - 1]).isEqualTo(Q * 0.5);
        assertThat(r.result.shortLeg()[0][r.result.times().length - 1]).isEqualTo(Q * 0.5);
    }

    @Test
    void scalesThenGoesDeepCoveringHalfTheShortWithoutANetTrade() {
        FibRun r = run(P.defaults().get(), riseTo130().bar(130, 130, 114, 114.5));
        assertThat(path(r)).containsExactly("FULL(entry)", "HEDGED(hedge)", "SCALED(level)", "DEEP(level)");
        List<Fill> f = fills(r);
        assertThat(f).hasSize(3); // entry, hedge, scale; DEEP keeps net -0.25 (long 0.25 -> 0, short 0.5 -> 0.25)
        assertThat(f.get(2).side()).isEqualTo(Side.SELL);
        assertThat(f.get(2).size()).isCloseTo(0.25 * Q, within(1e-9));
        assertThat(f.get(2).price()).isCloseTo(130 - 0.382 * 30, within(1e-9));
        int last = r.result.times().length - 1;
        assertThat(r.result.position()[0][last]).isCloseTo(-0.25 * Q, within(1e-9));
        assertThat(r.result.longLeg()[0][last]).isZero();
        assertThat(r.result.shortLeg()[0][last]).isCloseTo(0.25 * Q, within(1e-9));
    }

    @Test
    void aGapGoesStraightToTheDeepestStateWithOneOrder() {
        FibRun r = run(P.defaults().get(), riseTo130().bar(110, 112, 108, 111));
        assertThat(path(r)).containsExactly("FULL(entry)", "DEEP(hedge)");
        List<Fill> f = fills(r);
        assertThat(f).hasSize(2);
        assertThat(f.get(1).size()).isCloseTo(1.25 * Q, within(1e-9)); // +1.0 -> -0.25 in one trade
        assertThat(f.get(1).price()).isEqualTo(110.0); // at the gapped open
    }

    @Test
    void closeModeCrossingSeveralLevelsInOneBarTradesTheDifferenceOnce() {
        // close mode: entry at the first close after warm-up (110), H = 130 (a close): G = 20,
        // L(hedge) = 125.28, L(scale) = 122.36, L(deep) = 120; one close at 121 crosses two levels
        FibHedgeParams p = P.defaults().trigger(PriceMode.CLOSE).get();
        FibRun r = run(p, riseTo130().bar(130, 130, 116, 121));
        assertThat(path(r)).containsExactly("FULL(entry)", "SCALED(hedge)");
        assertThat(fills(r)).hasSize(2);
        double q = fills(r).get(0).size();
        assertThat(fills(r).get(0).price()).isEqualTo(110.0);
        assertThat(fills(r).get(1).size()).isCloseTo(1.25 * q, within(1e-4));
        assertThat(fills(r).get(1).price()).isEqualTo(121.0);
    }

    @Test
    void closeModeIgnoresIntrabarExtremesThatIntrabarModeActsOn() {
        // the bar dips through L(hedge) = 122.92 but closes above it
        Bars b = riseTo130().bar(130, 131, 121, 129);
        FibRun intrabar = run(P.defaults().get(), b);
        FibRun close = run(P.defaults().trigger(PriceMode.CLOSE).get(), b);
        assertThat(path(intrabar)).contains("HEDGED(hedge)");
        assertThat(path(close)).containsExactly("FULL(entry)");
        // intrabar saw the bar's high (131) as H before the low: the level moved with it
        assertThat(intrabar.result.fills().get(1).price()).isCloseTo(131 - 0.236 * 31, within(1e-9));
    }

    @Test
    void peakReclaimLiftsTheHedgeAndStartsANewCycle() {
        FibRun r = run(P.defaults().get(), riseTo130().bar(130, 130, 122, 123).to(131));
        assertThat(path(r)).containsExactly("FULL(entry)", "HEDGED(hedge)", "FULL(lift-peak)");
        Fill lift = fills(r).get(2);
        assertThat(lift.side()).isEqualTo(Side.BUY);
        assertThat(lift.price()).isCloseTo(130.0, within(1e-9)); // crossing of the frozen H
        CycleRecord first = r.result.cycles().get(0);
        assertThat(first.endReason()).isEqualTo("lift-peak");
        assertThat(first.capture()).isCloseTo(0.764, within(1e-9));
        // the new cycle: E = the rebuilt long's cost, H = price at the lift
        assertThat(r.strategy.entry()).isCloseTo(130.0, within(1e-9));
        assertThat(r.strategy.high()).isCloseTo(131.0, within(1e-9));
        assertThat(r.strategy.armed()).isFalse();
    }

    @Test
    void shortStopLiftsTheHedgeWhenPeakReclaimIsOff() {
        FibHedgeParams p = P.defaults().hedgeExit(false, 0.05).get();
        double s = 130 - 0.236 * 30; // S = 122.92
        FibRun r = run(p, riseTo130().bar(130, 130, 122, 123).to(135));
        assertThat(path(r)).containsExactly("FULL(entry)", "HEDGED(hedge)", "FULL(lift-stop)");
        assertThat(fills(r).get(2).price()).isCloseTo(s * 1.05, within(1e-9));
    }

    @Test
    void reversalHalfThenFullRebuildsThePosition() {
        // DEEP with Lo = 114: half at 114 + 0.236 * 16 = 117.776, full at 114 + 0.382 * 16 = 120.112
        FibRun r = run(P.defaults().get(), riseTo130().bar(130, 130, 114, 114).to(118).to(121));
        assertThat(path(r)).containsExactly("FULL(entry)", "HEDGED(hedge)", "SCALED(level)", "DEEP(level)",
                "RECOVERING(reversal-half)", "FULL(reversal)");
        List<Fill> f = fills(r);
        assertThat(f.get(3).side()).isEqualTo(Side.BUY);
        assertThat(f.get(3).size()).isCloseTo(0.75 * Q, within(1e-9)); // -0.25 -> +0.5
        assertThat(f.get(3).price()).isCloseTo(117.776, within(1e-9));
        assertThat(f.get(4).price()).isCloseTo(120.112, within(1e-9));
        // new cycle: E = average cost of the rebuilt long (half at 117.776, half at 120.112)
        CycleRecord c0 = r.result.cycles().get(0);
        assertThat(c0.endReason()).isEqualTo("reversal");
        assertThat(c0.maxState()).isEqualTo("DEEP");
        // (the new cycle's Q compounds the profit, so the second buy is larger than 0.5 Q)
        double qNew = r.strategy.q();
        double e = (0.5 * Q * 117.776 + (qNew - 0.5 * Q) * 120.112) / qNew;
        assertThat(f.get(4).size()).isCloseTo(qNew - 0.5 * Q, within(1e-4));
        assertThat(r.strategy.entry()).isCloseTo(e, within(1e-4));
    }

    @Test
    void aNewLowWhileRecoveringReturnsToDeep() {
        FibRun r = run(P.defaults().get(), riseTo130().bar(130, 130, 114, 114).to(118).to(113));
        assertThat(path(r)).endsWith("RECOVERING(reversal-half)", "DEEP(new-low)");
        int last = r.result.times().length - 1;
        assertThat(r.result.position()[0][last]).isCloseTo(-0.25 * Q, within(1e-9));
    }

    @Test
    void longStopClosesEverythingAndReEntryFollowsTheReversalRule() {
        // never armed (needs a 50% gain): the long stop at max(90, 0.9 * H) = 94.5 governs
        FibHedgeParams p = P.defaults().arm(0.5, 2.0).get();
        Bars b = new Bars("BTC").flat(50, 100).to(105).to(93).to(85).to(92).to(93);
        FibRun r = run(p, b);
        assertThat(path(r)).containsExactly("FULL(entry)", "FLAT(long-stop)", "FULL(re-entry)");
        List<Fill> f = fills(r);
        assertThat(f.get(1).price()).isCloseTo(94.5, within(1e-9));
        assertThat(f.get(1).size()).isEqualTo(Q);
        // re-entry at LoFlat + 0.382 * (Hprev - LoFlat) = 85 + 0.382 * 20 = 92.64
        assertThat(f.get(2).price()).isCloseTo(92.64, within(1e-9));
        assertThat(r.result.cycles().get(0).endReason()).isEqualTo("long-stop");
        assertThat(r.strategy.entry()).isCloseTo(92.64, within(1e-9));
    }

    @Test
    void theLongStopOnlyRises() {
        FibHedgeParams p = P.defaults().arm(0.5, 2.0).get();
        // H = 120 lifts the stop to 108; a fall to 109 keeps it, a fall to 107 stops out at 108
        FibRun r = run(p, new Bars("BTC").flat(50, 100).to(120).to(109).to(115).to(107));
        assertThat(path(r)).containsExactly("FULL(entry)", "FLAT(long-stop)");
        assertThat(fills(r).get(1).price()).isCloseTo(108.0, within(1e-9));
    }

    @Test
    void restingEntryLimitFillsOnlyWhenTradedThrough() {
        FibHedgeParams p = P.defaults().entry(50, 95).get();
        FibRun touch = run(p, new Bars("BTC").flat(50, 100).bar(100, 100, 95, 98)); // touch, no fill
        assertThat(fills(touch)).isEmpty();
        FibRun through = run(p, new Bars("BTC").flat(50, 100).bar(100, 100, 94, 98));
        assertThat(fills(through)).hasSize(1);
        assertThat(fills(through).get(0).price()).isEqualTo(95.0);
        assertThat(fills(through).get(0).maker()).isTrue();
        assertThat(through.strategy.entry()).isEqualTo(95.0);
        assertThat(through.strategy.q()).isCloseTo(10_000 * 0.9 * 3 / 95.0, within(1e-5));
    }

    @Test
    void transitionsFireAtMostOncePerPricePointInRuleOrder() {
        // a gap from DEEP straight above the full-reversal threshold: half and full fire at one point, one order
        FibRun r = run(P.defaults().get(), riseTo130().bar(130, 130, 114, 114).bar(125, 126, 124, 125));
        assertThat(path(r)).endsWith("RECOVERING(reversal-half)", "FULL(reversal)");
        Fill last = fills(r).get(fills(r).size() - 1);
        assertThat(last.price()).isEqualTo(125.0);
        List<TransitionRecord> t = r.result.transitions();
        assertThat(t.get(t.size() - 1).timeMs()).isEqualTo(t.get(t.size() - 2).timeMs());
        assertThat(fills(r).stream().filter(x -> x.timeMs() == last.timeMs()).count()).isEqualTo(1);
    }

    @Test
    void levelsLieBetweenEAndHAndAreMonotone() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int k = 0; k < 200; k++) {
            long seed = rnd.nextLong();
            Bars b = RandomBars.walk(seed, 400, 100);
            FibRun r = run(P.defaults().get(), b);
            for (CycleRecord c : r.result.cycles()) {
                if (!Double.isNaN(c.levelHedge())) {
                    assertThat(c.h()).as("seed %d", seed).isGreaterThan(c.e());
                    assertThat(c.levelHedge()).as("seed %d", seed).isLessThan(c.h()).isGreaterThan(c.levelScale());
                    assertThat(c.levelScale()).as("seed %d", seed).isGreaterThan(c.levelDeep());
                    assertThat(c.levelDeep()).as("seed %d", seed).isGreaterThan(c.e());
                }
            }
            assertThat(r.result.summary().ledgerResidual()).as("seed %d", seed).isCloseTo(0, within(0.005));
        }
    }
}
