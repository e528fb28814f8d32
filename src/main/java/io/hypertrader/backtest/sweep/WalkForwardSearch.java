package io.hypertrader.backtest.sweep;

import io.hypertrader.core.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code walkforward --search}: {@link WalkForward} with a {@link Search} in each training window
 * instead of the whole grid. Window w's search optimises the window's objective on
 * [trainFrom, trainTo) only, with {@code trials} trials and the sampler seeded by the run's seed
 * (every window gets the same sampler seed: the windows differ by their data); its best trial
 * (first on ties; the first configuration run when no objective is defined) is run on the test
 * window. Tests and stitching are {@link WalkForward}'s.
 */
public final class WalkForwardSearch {
    private WalkForwardSearch() {
    }

    /**
     * @param searches one per window, in window order
     */
    public record Outcome(WalkForward.Outcome walkForward, List<Search.Outcome> searches) {
    }

    /**
     * Runs the walk-forward search.
     *
     * @param cacheOf the stored backtests of window w's search (its key includes the window)
     */
    public static Outcome run(TrialFactory factory, TrialRunner runner, ParamGrid space, Search.Method method, int trials,
                              long seed, WalkForward.Objective objective, List<WalkForward.Window> windows,
                              Interval interval, IntFunction<SearchCache> cacheOf, TrialRunner.Progress progress) {
        int total = windows.size() * trials + windows.size();
        List<Search.Outcome> searches = new ArrayList<>();
        List<TrialResult> trainTrials = new ArrayList<>();
        List<TrialSpec> tests = new ArrayList<>();
        List<Search.Step> chosen = new ArrayList<>();
        List<TrialMetrics> chosenTrain = new ArrayList<>();
        for (WalkForward.Window w : windows) {
            int offset = w.index() * trials;
            Search.Outcome o = Search.run(factory, runner, space, method, trials, 1, seed, null, w.trainFrom(), w.trainTo(),
                    objective::of, cacheOf.apply(w.index()), (done, t) -> progress.completed(offset + done, total));
            searches.add(o);
            trainTrials.addAll(o.sweep().trials());
            Search.Step best = o.best();
            if (best == null) { // no defined objective: the first configuration that ran
                int first = o.sweep().configs().get(0).configIndex();
                best = o.steps().stream().filter(s -> s.point() == first).findFirst().orElseThrow();
            }
            chosen.add(best);
            int c = 0;
            while (o.sweep().configs().get(c).configIndex() != best.point()) {
                c++;
            }
            chosenTrain.add(o.sweep().trials().get(c).metrics());
            tests.add(new TrialSpec(best.params(), seed, null, w.testFrom(), w.testTo()));
        }
        int offset = windows.size() * trials;
        List<TrialResult> testResults = runner.run(tests, true, (done, t) -> progress.completed(offset + done, total));
        List<WalkForward.Step> steps = new ArrayList<>();
        for (WalkForward.Window w : windows) {
            Search.Step b = chosen.get(w.index());
            steps.add(new WalkForward.Step(w, b.point(), b.params(), objective.of(chosenTrain.get(w.index())),
                    chosenTrain.get(w.index()), testResults.get(w.index())));
        }
        return new Outcome(WalkForward.stitch(space, objective, seed, windows, trainTrials, steps, interval),
                List.copyOf(searches));
    }
}
