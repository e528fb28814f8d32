package io.hypertrader.backtest.sweep;

import io.hypertrader.core.UserError;
import io.hypertrader.sim.PathMode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * A search beyond grids ({@code sweep --search}, {@code walkforward --search}): instead of every
 * point of the {@code --param} space, {@code trials} points that a sampler picks one batch at a
 * time, each run with the sweep's seed ensemble and judged like a sweep's configurations.
 *
 * <p>Methods: {@code random} ({@link RandomSearch}), {@code cmaes} ({@link CmaesSearch},
 * commons-math3's CMA-ES) and {@code tpe} ({@link TpeSearch}). The objective is what a sweep ranks
 * by, the configuration's mean annualised Sharpe ratio over its seeds (a walk-forward window uses
 * its --objective); higher is better, an undefined value is worst.
 *
 * <p>Trials: a trial is a configuration the sampler proposed and the search evaluated, each one
 * once (a repeat is not a new trial). A configuration the config refuses (a hedge level above the
 * scale level) is a trial too: the sampler learned from it and it spent the budget, so it counts
 * in N of the deflated Sharpe ratio, which is the number of trials, refused ones included
 * (conservative: a larger N lowers every DSR). V is the variance over the configurations run.
 *
 * <p>Deterministic and resumable: the sequence of proposals depends on the seed and the results
 * only, never on the thread count; each batch is stored in the {@link SearchCache} when it
 * finished, so a rerun regenerates the same sequence and runs only the backtests not stored. A
 * rerun with more trials continues the sequence.
 */
public final class Search {
    private Search() {
    }

    /** The samplers. */
    public enum Method {
        RANDOM("random"), CMAES("cmaes"), TPE("tpe");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.label.equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return m;
                }
            }
            throw UserError.usage("--search: '" + s + "' is not one of random, cmaes, tpe");
        }

        SearchSampler sampler(ParamGrid space, long seed) {
            return switch (this) {
                case RANDOM -> new RandomSearch(space, seed);
                case CMAES -> new CmaesSearch(space, seed);
                case TPE -> new TpeSearch(space, seed);
            };
        }
    }

    /** Most points a search space may have (a grid index is an int). */
    public static final int MAX_SPACE = Integer.MAX_VALUE;

    /** The space of the {@code --param} flags: like a sweep's grid, but only ever sampled, so far larger. */
    public static ParamGrid space(List<String> flags) {
        List<ParamAxis> axes = new ArrayList<>();
        for (String f : flags == null ? List.<String>of() : flags) {
            axes.add(ParamAxis.parse(f));
        }
        return new ParamGrid(axes, MAX_SPACE, "the --param space has more than " + MAX_SPACE
                + " points; use a coarser step");
    }

    /**
     * One trial in the order the sampler proposed it.
     *
     * @param objective  its objective (NaN: refused or undefined)
     * @param best       the best objective up to and including this trial (NaN until one is defined)
     * @param refused    the config refused it (nothing ran)
     * @param stored     its backtests came from the cache (an earlier run of the same search)
     */
    public record Step(int trial, int point, SequencedMap<String, String> params, double objective, double best,
                       boolean refused, boolean stored) {
    }

    /**
     * What a search produced.
     *
     * @param sweep     the configurations run, judged as a sweep's (N = {@code steps.size()}, trials tried)
     * @param steps     every trial, in proposal order
     * @param computed  backtests run now
     * @param reused    backtests found in the cache
     * @param exhausted the sampler stopped before {@code trials} (the space or the optimiser ran out)
     */
    public record Outcome(Method method, int trials, long spaceSize, Sweep.Outcome sweep, List<Step> steps,
                          int computed, int reused, boolean exhausted) {

        /** The best trial by objective (first on ties), or null when none has a defined objective. */
        public Step best() {
            Step b = null;
            for (Step s : steps) {
                if (!Double.isNaN(s.objective()) && (b == null || s.objective() > b.objective())) {
                    b = s;
                }
            }
            return b;
        }

        /** "tpe: 60 trials of 1,331 points (12 backtests stored before)" for manifests and the console. */
        public String describe() {
            return String.format(Locale.ROOT, "%s: %d trials of %,d points (%d backtests run, %d found stored%s)",
                    method.label(), steps.size(), spaceSize, computed, reused,
                    exhausted ? "; the sampler ran out of new points before --trials " + trials : "");
        }
    }

    /** The objective a sweep ranks by: the annualised Sharpe ratio (mean over seeds). */
    public static final ToDoubleFunction<TrialMetrics> SHARPE = TrialMetrics::sharpe;

    /**
     * Runs a search.
     *
     * @param seeds     backtests per configuration: seeds {@code seed, seed + 1, ...}
     * @param seed      first seed of the ensemble and the sampler's seed
     * @param path      intrabar path mode, null = the config's
     * @param fromMs    evaluation window [fromMs, toMs) (Long.MIN_VALUE / MAX_VALUE: all data)
     * @param objective per-backtest objective; a configuration's is the mean over its seeds of the defined values
     */
    public static Outcome run(TrialFactory factory, TrialRunner runner, ParamGrid space, Method method, int trials,
                              int seeds, long seed, PathMode path, long fromMs, long toMs,
                              ToDoubleFunction<TrialMetrics> objective, SearchCache cache,
                              TrialRunner.Progress progress) {
        if (trials < 1) {
            throw UserError.usage("--trials must be >= 1, got " + trials);
        }
        if (seeds < 1) {
            throw UserError.usage("--seeds must be >= 1, got " + seeds);
        }
        SearchSampler sampler = method.sampler(space, seed);
        List<SearchSampler.Observation> observed = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        List<Integer> valid = new ArrayList<>();
        List<TrialResult> results = new ArrayList<>();
        List<Sweep.Skipped> skipped = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        UserError firstRefusal = null;
        int total = trials * seeds;
        AtomicInteger done = new AtomicInteger();
        int computed = 0, reused = 0;
        double best = Double.NaN;
        boolean exhausted = false;
        while (observed.size() < trials) {
            List<Integer> batch = sampler.next(List.copyOf(observed));
            if (batch.isEmpty()) {
                exhausted = true;
                break;
            }
            batch = batch.subList(0, Math.min(batch.size(), trials - observed.size()));
            // refusals first (the config loader, cheap), then the stored backtests, then one parallel run of the rest
            List<String> refusal = new ArrayList<>();
            List<TrialSpec> toRun = new ArrayList<>();
            List<TrialMetrics[]> metrics = new ArrayList<>();
            for (int p : batch) {
                if (!seen.add(p)) {
                    throw new IllegalStateException(method.label() + " proposed point " + p + " twice");
                }
                SequencedMap<String, String> params = space.point(p);
                String reason = null;
                try {
                    factory.build(new TrialSpec(params, seed, path, fromMs, toMs));
                } catch (UserError e) {
                    if (e.kind() != UserError.Kind.USAGE) {
                        throw e;
                    }
                    firstRefusal = firstRefusal == null ? e : firstRefusal;
                    reason = e.getMessage();
                }
                refusal.add(reason);
                TrialMetrics[] m = new TrialMetrics[seeds];
                if (reason == null) {
                    for (int s = 0; s < seeds; s++) {
                        m[s] = cache.get(p, seed + s);
                        if (m[s] == null) {
                            toRun.add(new TrialSpec(params, seed + s, path, fromMs, toMs));
                        } else {
                            reused++;
                            progress.completed(done.incrementAndGet(), total);
                        }
                    }
                } else {
                    for (int s = 0; s < seeds; s++) {
                        progress.completed(done.incrementAndGet(), total);
                    }
                }
                metrics.add(m);
            }
            List<TrialResult> ran = runner.run(toRun, false, (d, t) -> progress.completed(done.incrementAndGet(), total));
            computed += ran.size();
            List<SearchCache.Entry> fresh = new ArrayList<>(ran.size());
            int r = 0;
            for (int b = 0; b < batch.size(); b++) {
                TrialMetrics[] m = metrics.get(b);
                if (refusal.get(b) != null) {
                    continue;
                }
                for (int s = 0; s < seeds; s++) {
                    if (m[s] == null) {
                        m[s] = ran.get(r++).metrics();
                        fresh.add(new SearchCache.Entry(batch.get(b), seed + s, m[s]));
                    }
                }
            }
            cache.put(fresh);
            for (int b = 0; b < batch.size(); b++) {
                int p = batch.get(b);
                SequencedMap<String, String> params = space.point(p);
                double value = Double.NaN;
                boolean stored = false;
                if (refusal.get(b) != null) {
                    skipped.add(new Sweep.Skipped(p, params, refusal.get(b)));
                } else {
                    TrialMetrics[] m = metrics.get(b);
                    double sum = 0;
                    int k = 0;
                    for (int s = 0; s < seeds; s++) {
                        TrialSpec spec = new TrialSpec(params, seed + s, path, fromMs, toMs);
                        results.add(new TrialResult(results.size(), spec, m[s], null));
                        double x = objective.applyAsDouble(m[s]);
                        if (!Double.isNaN(x)) {
                            sum += x;
                            k++;
                        }
                    }
                    stored = fresh.stream().noneMatch(e -> e.point() == p);
                    valid.add(p);
                    value = k > 0 ? sum / k : Double.NaN;
                }
                if (!Double.isNaN(value) && (Double.isNaN(best) || value > best)) {
                    best = value;
                }
                observed.add(new SearchSampler.Observation(p, value));
                steps.add(new Step(steps.size(), p, params, value, best, refusal.get(b) != null, stored));
            }
        }
        if (valid.isEmpty()) {
            throw firstRefusal != null ? firstRefusal : UserError.usage("the search ran no configuration");
        }
        Sweep.Outcome judged = Sweep.judge(space, seeds, seed, path, valid, results, skipped, observed.size());
        return new Outcome(method, trials, space.size(), judged, List.copyOf(steps), computed, reused, exhausted);
    }
}
