package io.hypertrader.backtest.sweep;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CMA-ES (Hansen), commons-math3's {@link CMAESOptimizer}, over the space's axes scaled to [0, 1]
 * (axis a at x maps to its value round(x * (k_a - 1)): a range axis keeps its step, a list axis is
 * searched by position). Axes with one value are not searched.
 *
 * <p><b>Batches.</b> The optimiser asks for one objective value at a time, but the points of a
 * generation are drawn before any of them is evaluated (commons-math3 3.6.1, doOptimize: the
 * lambda offspring come from one matrix of normal draws and the generation's mean, step size and
 * covariance; their values are only used once all are in). So this sampler runs the optimiser
 * from the start against the values known so far, answers the first unknown point of a
 * generation and the rest of it with a placeholder, notes them, and aborts at the generation's
 * end: those points are the batch, evaluated in parallel. The next call replays the optimiser with
 * the same seed, now knowing them, to the next generation. The sequence is the one a sequential
 * run would give ({@code CmaesSearchTest} checks it against the optimiser evaluating directly).
 *
 * <p>Points that round to a configuration already evaluated are answered from it, so a
 * converged optimiser proposes nothing new; it is then restarted from a new seeded start point
 * (same population), until the space is exhausted or {@link #MAX_RUNS} runs were made. The first
 * run starts at the centre of the space, the restarts at seeded uniform points. Refused or
 * undefined configurations score {@link #PENALTY}.
 */
final class CmaesSearch implements SearchSampler {
    /** Objective of a refused configuration or an undefined value: below any Sharpe ratio or return. */
    static final double PENALTY = -1e6;
    /** Optimiser runs (the first and its restarts) after which the search stops proposing. */
    static final int MAX_RUNS = 50;
    /** Generations per run at most (the optimiser usually stops itself much earlier). */
    static final int MAX_GENERATIONS = 300;
    /** Initial step size in the unit cube: a third of each axis. */
    static final double SIGMA = 0.3;

    private final ParamGrid space;
    private final long seed;
    private final int[] searched;   // axes with more than one value
    private final int lambda;

    CmaesSearch(ParamGrid space, long seed) {
        this.space = space;
        this.seed = seed;
        List<Integer> s = new ArrayList<>();
        for (int a = 0; a < space.axes().size(); a++) {
            if (space.axes().get(a).values().size() > 1) {
                s.add(a);
            }
        }
        this.searched = s.stream().mapToInt(Integer::intValue).toArray();
        int d = Math.max(1, searched.length);
        this.lambda = 4 + (int) Math.floor(3 * Math.log(d)); // Hansen's default population
    }

    /** Offspring per generation: the batch size. */
    int populationSize() {
        return lambda;
    }

    /** Thrown out of the optimiser when a generation's new points are all noted. */
    private static final class BatchReady extends RuntimeException {
        BatchReady() {
            super(null, null, false, false);
        }
    }

    @Override
    public List<Integer> next(List<Observation> observed) {
        Map<Integer, Double> known = new HashMap<>();
        for (Observation o : observed) {
            known.put(o.point(), Double.isNaN(o.objective()) ? PENALTY : o.objective());
        }
        if (known.size() >= space.size()) {
            return List.of();
        }
        LinkedHashSet<Integer> batch = new LinkedHashSet<>();
        if (searched.length == 0) {
            return List.of(0); // one point, not yet evaluated
        }
        SplittableRandom starts = new SplittableRandom(seed);
        for (int restart = 0; restart < MAX_RUNS; restart++) {
            double[] start = new double[searched.length];
            for (int i = 0; i < start.length; i++) {
                start[i] = restart == 0 ? 0.5 : starts.nextDouble();
            }
            if (runUntilNewBatch(restart, start, known, batch)) {
                return List.copyOf(batch);
            }
        }
        return List.of();
    }

    /**
     * One optimiser run from {@code start}: true with {@code batch} filled when it reached a
     * generation with points not in {@code known}; false when it stopped on known points only.
     */
    private boolean runUntilNewBatch(int restart, double[] start, Map<Integer, Double> known, LinkedHashSet<Integer> batch) {
        int[] calls = {0};
        MultivariateFunction f = x -> {
            int c = calls[0]++;
            int p = point(x);
            Double v = known.get(p);
            if (v != null && batch.isEmpty()) {
                return v;
            }
            if (v == null) {
                batch.add(p);
            }
            // call 0 is the start point, then generations of lambda calls: stop at this one's end
            if (c == 0 || c % lambda == 0) {
                throw new BatchReady();
            }
            return 0; // a placeholder: the generation's values are read only after its last call
        };
        double[] lo = new double[searched.length], hi = new double[searched.length], sigma = new double[searched.length];
        Arrays.fill(hi, 1);
        Arrays.fill(sigma, SIGMA);
        CMAESOptimizer cma = new CMAESOptimizer(MAX_GENERATIONS, 0, true, 0, 0,
                new MersenneTwister(seed * 31 + restart), false, null);
        try {
            cma.optimize(new MaxEval(Integer.MAX_VALUE), new ObjectiveFunction(f), GoalType.MAXIMIZE,
                    new InitialGuess(start), new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma),
                    new CMAESOptimizer.PopulationSize(lambda));
        } catch (BatchReady ready) {
            return true;
        }
        return false;
    }

    /** The space's point nearest to x (coordinates of the searched axes in [0, 1]; the others at their one value). */
    int point(double[] x) {
        int[] c = new int[space.axes().size()];
        for (int i = 0; i < searched.length; i++) {
            int k = space.axes().get(searched[i]).values().size();
            double u = Math.min(1, Math.max(0, x[i]));
            c[searched[i]] = (int) Math.round(u * (k - 1));
        }
        return SearchSampler.point(space, c);
    }
}
