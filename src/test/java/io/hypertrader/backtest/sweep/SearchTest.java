package io.hypertrader.backtest.sweep;

import io.hypertrader.store.SearchTrialStore;
import io.hypertrader.analytics.SharpeRatios;
import io.hypertrader.backtest.analysis.RealCandles;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The search driver on real candles: trials, refusals, the deflated Sharpe ratio's N, resuming. */
class SearchTest {
    static CandleSeries candles;
    /** 11 x 5 x 4 = 220 points; a hedge level at or above the scale level is refused by the config. */
    static final List<String> FLAGS = List.of("strategy.levels.hedge=0.20:0.40:0.02", "strategy.levels.scale=0.30:0.50:0.05",
            "strategy.sizing.leverage=2,3,4,5");
    static ParamGrid space;

    @BeforeAll
    static void load() {
        candles = RealCandles.btcHourly(1500);
        space = Search.space(FLAGS);
    }

    static Search.Outcome search(Search.Method m, int trials, int threads, SearchCache cache) {
        FibTrialFactory f = TestBinder.factory(candles);
        return Search.run(f, new TrialRunner(f, threads), space, m, trials, 2, 11, null, Long.MIN_VALUE, Long.MAX_VALUE,
                Search.SHARPE, cache, TrialRunner.Progress.NONE);
    }

    @Test
    void everyTrialCountsInTheDeflatedSharpeRatioTheRefusedOnesToo() {
        Search.Outcome o = search(Search.Method.TPE, 30, 2, SearchCache.NONE);
        assertThat(o.steps()).hasSize(30);
        long refused = o.steps().stream().filter(Search.Step::refused).count();
        assertThat(refused).as("the space has refused points and the search met some").isPositive();
        Sweep.Outcome s = o.sweep();
        assertThat(s.configurations()).isEqualTo(30);
        assertThat(s.configs()).hasSize(30 - (int) refused);
        assertThat(s.skipped()).hasSize((int) refused);
        assertThat(s.trials()).hasSize(2 * (30 - (int) refused));
        double v = SharpeRatios.variance(s.configs().stream().mapToDouble(Sweep.ConfigSummary::meanSharpePerBar).toArray());
        for (int i = 0; i < s.trials().size(); i++) {
            TrialMetrics m = s.trials().get(i).metrics();
            assertThat(s.deflatedSharpe()[i]).isCloseTo(
                    SharpeRatios.deflated(m.sharpePerBar(), m.returns(), m.skewness(), m.kurtosis(), v, 30), within(1e-15));
        }
        // the objective is what a sweep ranks by: the mean Sharpe ratio over the seeds
        Search.Step best = o.best();
        assertThat(best.objective()).isEqualTo(s.ranking().get(0).meanSharpe());
        assertThat(s.ranking().get(0).configIndex()).isEqualTo(best.point());
        assertThat(space.point(best.point())).isEqualTo(best.params());
        // best so far never falls
        for (int i = 1; i < o.steps().size(); i++) {
            assertThat(o.steps().get(i).best()).isGreaterThanOrEqualTo(o.steps().get(i - 1).best());
        }
    }

    @Test
    void theThreadCountChangesNothing() {
        for (Search.Method m : List.of(Search.Method.CMAES, Search.Method.RANDOM)) {
            Search.Outcome one = search(m, 16, 1, SearchCache.NONE), three = search(m, 16, 3, SearchCache.NONE);
            assertThat(three.steps()).as(m.label()).isEqualTo(one.steps());
            assertThat(three.sweep().deflatedSharpe()).containsExactly(one.sweep().deflatedSharpe());
        }
    }

    @Test
    void aRerunSkipsTheStoredTrialsAndALongerOneContinuesTheSequence() {
        try (Database db = Database.inMemory()) {
            Search.Outcome first = search(Search.Method.TPE, 12, 2, new SearchTrialStore(db, "k1", 1));
            assertThat(first.reused()).isZero();
            assertThat(first.computed()).isPositive();
            // the same search again, from the database: nothing runs, the same outcome
            Search.Outcome again = search(Search.Method.TPE, 12, 2, new SearchTrialStore(db, "k1", 2));
            assertThat(again.computed()).isZero();
            assertThat(again.reused()).isEqualTo(first.computed());
            assertThat(again.steps()).allSatisfy(s -> assertThat(s.stored() || s.refused()).isTrue());
            assertThat(again.steps().stream().map(Search.Step::point).toList())
                    .isEqualTo(first.steps().stream().map(Search.Step::point).toList());
            for (int i = 0; i < first.sweep().trials().size(); i++) {
                assertThat(again.sweep().trials().get(i).metrics()).isEqualTo(first.sweep().trials().get(i).metrics());
            }
            // more trials: the first 12 are the stored ones, only the rest run
            Search.Outcome longer = search(Search.Method.TPE, 20, 2, new SearchTrialStore(db, "k1", 3));
            assertThat(longer.steps().subList(0, 12).stream().map(Search.Step::point).toList())
                    .isEqualTo(first.steps().stream().map(Search.Step::point).toList());
            assertThat(longer.reused()).isEqualTo(first.computed());
            long newRuns = longer.steps().subList(12, 20).stream().filter(s -> !s.refused()).count() * 2;
            assertThat(longer.computed()).isEqualTo((int) newRuns);
            // another key shares nothing
            assertThat(search(Search.Method.TPE, 12, 2, new SearchTrialStore(db, "k2", 4)).reused()).isZero();
        }
    }

    @Test
    void aSpaceOfOnlyRefusedPointsIsAUsageError() {
        FibTrialFactory f = TestBinder.factory(candles);
        ParamGrid bad = Search.space(List.of("strategy.levels.hedge=0.6,0.7", "strategy.levels.scale=0.3,0.4"));
        assertThatThrownBy(() -> Search.run(f, new TrialRunner(f, 1), bad, Search.Method.RANDOM, 4, 1, 1, null,
                Long.MIN_VALUE, Long.MAX_VALUE, Search.SHARPE, SearchCache.NONE, TrialRunner.Progress.NONE))
                .isInstanceOf(UserError.class).hasMessageContaining("strategy.levels");
    }

    @Test
    void aSpaceFarLargerThanASweepsGridIsSearchable() {
        // 1001 x 1251 x 951 points, 1.2 billion
        ParamGrid huge = Search.space(List.of("strategy.levels.hedge=0.1:0.3:0.0002", "strategy.levels.scale=0.35:0.6:0.0002",
                "strategy.longStop.initialPct=0.01:0.2:0.0002"));
        assertThat((long) huge.size()).isGreaterThan(ParamGrid.MAX_POINTS);
        assertThatThrownBy(() -> ParamGrid.parse(List.of("strategy.levels.hedge=0.1:0.3:0.0002",
                "strategy.levels.scale=0.35:0.6:0.0002", "strategy.longStop.initialPct=0.01:0.2:0.0002")))
                .isInstanceOf(UserError.class);
        assertThatThrownBy(() -> Search.space(List.of("strategy.levels.hedge=0.1:0.3:0.0001",
                "strategy.levels.scale=0.35:0.6:0.0001", "strategy.longStop.initialPct=0.01:0.2:0.0001")))
                .isInstanceOf(UserError.class).hasMessageContaining("coarser step");
        FibTrialFactory f = TestBinder.factory(candles);
        Search.Outcome o = Search.run(f, new TrialRunner(f, 2), huge, Search.Method.CMAES, 10, 1, 5, null, Long.MIN_VALUE,
                Long.MAX_VALUE, Search.SHARPE, SearchCache.NONE, TrialRunner.Progress.NONE);
        assertThat(o.steps()).hasSize(10);
        assertThat(o.sweep().configs()).isNotEmpty();
    }

    @Test
    void aWalkForwardSearchOptimisesEachTrainingWindowOnItsDataOnly() {
        FibTrialFactory f = TestBinder.factory(candles);
        List<WalkForward.Window> windows = WalkForward.windows(candles, java.time.Duration.ofDays(20),
                java.time.Duration.ofDays(10), false);
        assertThat(windows.size()).isGreaterThanOrEqualTo(3);
        WalkForwardSearch.Outcome o = WalkForwardSearch.run(f, new TrialRunner(f, 2), space, Search.Method.TPE, 12, 3,
                WalkForward.Objective.SHARPE, windows, candles.interval(), w -> SearchCache.memory(), TrialRunner.Progress.NONE);
        assertThat(o.searches()).hasSize(windows.size());
        for (WalkForward.Window w : windows) {
            Search.Outcome s = o.searches().get(w.index());
            assertThat(s.steps()).hasSize(12);
            assertThat(s.sweep().trials()).allSatisfy(t -> {
                assertThat(t.spec().fromMs()).isEqualTo(w.trainFrom());
                assertThat(t.spec().toMs()).isEqualTo(w.trainTo());
            });
            WalkForward.Step step = o.walkForward().steps().get(w.index());
            assertThat(step.configIndex()).isEqualTo(s.best().point());
            assertThat(step.trainObjective()).isEqualTo(s.best().objective());
            assertThat(step.test().spec().params()).isEqualTo(s.best().params());
            assertThat(step.test().spec().fromMs()).isEqualTo(w.testFrom());
            assertThat(step.test().spec().toMs()).isEqualTo(w.testTo());
        }
        // the windows' data differ, so (with this data) their choices do too
        assertThat(o.walkForward().steps().stream().map(WalkForward.Step::configIndex).distinct().count()).isGreaterThan(1);
        assertThat(o.walkForward().equity()).isNotEmpty();
    }
}
