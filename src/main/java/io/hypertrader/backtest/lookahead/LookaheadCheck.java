package io.hypertrader.backtest.lookahead;

import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.backtest.sweep.Trial;
import io.hypertrader.backtest.sweep.TrialFactory;
import io.hypertrader.backtest.sweep.TrialSpec;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Fill;
import io.hypertrader.core.UserError;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.strategy.TransitionRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The lookahead check (freqtrade's lookahead-analysis, for any strategy a {@link TrialFactory}
 * builds): run the backtest on all the data, then again on the data cut after each of many bars,
 * and compare every decision made up to the cut. A strategy that uses only what it could have
 * known makes the same decisions whether or not later bars exist; one that peeks ahead (an
 * indicator computed over the whole series, a shifted column, the next bar) decides differently
 * near the cut.
 *
 * <p><b>Cuts.</b> Right after the bars in which the full run decided something (that is where a
 * peek changes a decision; fills are consequences and choose no cut), spread evenly over them when
 * there are more than {@code points};
 * evenly spaced bars fill the rest. A cut after bar b replays bars [0, b] ({@link TrialSpec}'s
 * window ends at bar b + 1's open time).
 *
 * <p><b>Decisions compared</b>, each with its time before the next bar's open (a bar's close point
 * is one millisecond before it): orders
 * placed (id, request, decision time; not how they ended: the end of the data cancels what is
 * pending), orders the risk manager refused, state transitions, risk events, and fills (a fill
 * before the cut that differs means the simulator itself looked ahead). Cycle records are outcomes
 * (the end of the data closes them) and are not compared.
 *
 * <p><b>The value responsible.</b> For each cut that changed a decision both runs are replayed
 * again with the strategy's {@linkplain RecordingStrategy decision inputs} noted after every bar;
 * the first bar at which an input differs names it, with both values.
 */
public final class LookaheadCheck {
    private LookaheadCheck() {
    }

    /** Default number of cuts. */
    public static final int DEFAULT_POINTS = 20;

    /** One decision of a run: its kind (order, refused, transition, risk, fill), time and full text. */
    public record Decision(String kind, long timeMs, String text) {
    }

    /** An input that differs between the runs at a bar. */
    public record InputDiff(String coin, long barOpenMs, String name, String full, String truncated) {
    }

    /**
     * A cut at which a decision changed.
     *
     * @param cutBar     last bar index replayed by the truncated run
     * @param cutMs      its close time (the next bar's open; decisions before it are compared)
     * @param full       the full run's decision (null when the truncated run decided something the full run did not)
     * @param truncated  the truncated run's (null when it lacks the full run's)
     * @param differing  how many decisions up to the cut differ in all ({@code onlyFull} and {@code onlyCut})
     * @param onlyFull   every decision before the cut that only the full run made, in time order
     * @param onlyCut    every decision before the cut that only the truncated run made, in time order
     * @param inputs     the decision inputs that differ at the first bar where any does (empty: none found,
     *                   or the strategy exposes none)
     * @param exposes    false when the strategy exposes no decision inputs
     */
    public record Leak(int cutBar, long cutMs, Decision full, Decision truncated, int differing, List<Decision> onlyFull,
                       List<Decision> onlyCut, List<InputDiff> inputs, boolean exposes) {
        public Leak {
            onlyFull = List.copyOf(onlyFull);
            onlyCut = List.copyOf(onlyCut);
            inputs = List.copyOf(inputs);
        }

        /** The decision that differs, whichever run has it. */
        public Decision decision() {
            return full != null ? full : truncated;
        }
    }

    /**
     * What the check found.
     *
     * @param bars        bars of the (first) series
     * @param cuts        the cut bars, ascending
     * @param decisions   decisions of the full run
     * @param leaks       one per cut that changed a decision, in cut order
     * @param backtests   backtests run (full, cuts, attribution reruns)
     */
    public record Report(int bars, List<Integer> cuts, int decisions, List<Leak> leaks, int backtests) {
        public boolean clean() {
            return leaks.isEmpty();
        }
    }

    /**
     * Runs the check.
     *
     * @param spec    the configuration and seed to check (its window is ignored: the check needs all the data)
     * @param points  how many cuts (>= 1)
     * @param threads worker threads for the cut backtests (results do not depend on it)
     */
    public static Report run(TrialFactory factory, TrialSpec spec, int points, int threads) {
        if (points < 1) {
            throw UserError.usage("--points must be >= 1, got " + points);
        }
        TrialSpec all = spec.withWindow(Long.MIN_VALUE, Long.MAX_VALUE);
        Trial fullTrial = factory.build(all);
        BacktestResult full = Backtester.run(fullTrial.input(), fullTrial.slots());
        CandleSeries first = fullTrial.input().series().get(0);
        int n = first.size();
        if (n < 3) {
            throw UserError.dataMissing("the lookahead check needs at least 3 bars, the data has " + n);
        }
        List<Decision> fullDecisions = decisions(full, Long.MAX_VALUE);
        List<Integer> cuts = cuts(first, fullDecisions, points);
        List<Leak> leaks = new ArrayList<>();
        int backtests = 1 + cuts.size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, cuts.size())), r -> {
            Thread t = new Thread(r, "lookahead");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Leak>> futures = new ArrayList<>();
            for (int b : cuts) {
                futures.add(pool.submit(() -> check(factory, all, first, full, fullDecisions, b)));
            }
            for (Future<Leak> f : futures) {
                Leak l = await(f);
                if (l != null) {
                    leaks.add(l);
                    backtests += 2;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(n, cuts, fullDecisions.size(), List.copyOf(leaks), backtests);
    }

    /** The cut bars: after the bars of decisions first, spread evenly; then evenly spaced bars. */
    static List<Integer> cuts(CandleSeries s, List<Decision> decisions, int points) {
        int n = s.size();
        TreeSet<Integer> decided = new TreeSet<>();
        for (Decision d : decisions) {
            if (d.kind().equals("fill")) {
                continue; // a consequence: its order's bar is the one to cut after
            }
            int b = barAt(s, d.timeMs());
            if (b >= 1 && b < n - 1) { // a cut after the last bar is the full run
                decided.add(b);
            }
        }
        List<Integer> pool = new ArrayList<>(decided);
        TreeSet<Integer> out = new TreeSet<>();
        int take = Math.min(points, pool.size());
        for (int k = 0; k < take; k++) {
            out.add(pool.get((int) ((long) k * pool.size() / take)));
        }
        for (int k = 1; out.size() < Math.min(points, n - 2) && k <= points; k++) {
            out.add((int) Math.max(1, Math.min(n - 2, (long) k * (n - 1) / (points + 1))));
        }
        for (int b = n - 2; out.size() < Math.min(points, n - 2) && b >= 1; b--) {
            out.add(b);
        }
        return List.copyOf(out);
    }

    /**
     * Index of the bar whose span [open, next open) holds t: a bar's price points run from its open
     * time to its close point one millisecond before the next open.
     */
    static int barAt(CandleSeries s, long t) {
        long[] open = s.openTimes();
        int lo = 0, hi = open.length - 1, ans = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (open[mid] <= t) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Math.max(0, ans); // t at or before the first open belongs to the first bar
    }

    private static Leak check(TrialFactory factory, TrialSpec all, CandleSeries first, BacktestResult full,
                              List<Decision> fullDecisions, int cutBar) {
        long endOpen = first.openTime(cutBar + 1);
        long cutMs = first.openTime(cutBar) + first.interval().millis();
        Trial t = factory.build(all.withWindow(Long.MIN_VALUE, endOpen));
        BacktestResult cut = Backtester.run(t.input(), t.slots());
        // up to the last bar's close point, cutMs - 1: at cutMs itself the next bar opens, which the cut run lacks
        List<Decision> a = upTo(fullDecisions, cutMs - 1), b = decisions(cut, cutMs - 1);
        Decision[] firstDiff = firstDifference(a, b);
        if (firstDiff == null) {
            return null;
        }
        return attribute(factory, all, endOpen, cutBar, cutMs, firstDiff, only(a, b), only(b, a));
    }

    /** Reruns both with their inputs noted and names the first input that differs. */
    private static Leak attribute(TrialFactory factory, TrialSpec all, long endOpen, int cutBar, long cutMs,
                                  Decision[] diff, List<Decision> onlyFull, List<Decision> onlyCut) {
        List<RecordingStrategy> fullRec = new ArrayList<>(), cutRec = new ArrayList<>();
        replay(factory.build(all), fullRec);
        replay(factory.build(all.withWindow(Long.MIN_VALUE, endOpen)), cutRec);
        boolean exposes = false;
        List<InputDiff> found = new ArrayList<>();
        long firstBar = Long.MAX_VALUE;
        for (int s = 0; s < fullRec.size(); s++) {
            List<RecordingStrategy.BarInputs> fa = fullRec.get(s).bars(), ca = cutRec.get(s).bars();
            exposes |= !ca.isEmpty();
            for (int i = 0; i < ca.size() && i < fa.size(); i++) {
                RecordingStrategy.BarInputs x = fa.get(i), y = ca.get(i);
                if (x.openTimeMs() >= firstBar) {
                    break;
                }
                if (!x.inputs().equals(y.inputs())) {
                    if (x.openTimeMs() < firstBar) {
                        found.clear();
                        firstBar = x.openTimeMs();
                    }
                    LinkedHashSet<String> keys = new LinkedHashSet<>(x.inputs().keySet());
                    keys.addAll(y.inputs().keySet());
                    for (String k : keys) {
                        String fv = x.inputs().get(k), cv = y.inputs().get(k);
                        if (!Objects.equals(fv, cv)) {
                            found.add(new InputDiff(x.coin().name(), x.openTimeMs(), k, fv, cv));
                        }
                    }
                    break;
                }
            }
        }
        return new Leak(cutBar, cutMs, diff[0], diff[1], onlyFull.size() + onlyCut.size(), onlyFull, onlyCut,
                List.copyOf(found), exposes);
    }

    private static void replay(Trial t, List<RecordingStrategy> recorders) {
        List<StrategySlot> slots = new ArrayList<>();
        for (StrategySlot s : t.slots()) {
            RecordingStrategy r = new RecordingStrategy(s.strategy());
            recorders.add(r);
            slots.add(new StrategySlot(r, s.coins()));
        }
        Backtester.run(t.input(), slots);
    }

    /** Every decision of a run at or before {@code upToMs}, in time order (stable: kinds in the order below). */
    static List<Decision> decisions(BacktestResult r, long upToMs) {
        List<Decision> out = new ArrayList<>();
        for (TrackedOrder o : r.orders()) {
            add(out, "order", o.decisionTime(), "#" + o.id() + " " + o.request(), upToMs);
        }
        for (TrackedOrder o : r.refusedOrders()) {
            add(out, "refused", o.decisionTime(), o.request() + " (" + o.status() + ")", upToMs);
        }
        for (TransitionRecord t : r.transitions()) {
            add(out, "transition", t.timeMs(), t.toString(), upToMs);
        }
        for (RiskEvent e : r.riskEvents()) {
            add(out, "risk", e.timeMs(), e.toString(), upToMs);
        }
        for (Fill f : r.fills()) {
            add(out, "fill", f.timeMs(), f.toString(), upToMs);
        }
        out.sort(Comparator.comparingLong(Decision::timeMs)); // stable
        return out;
    }

    private static void add(List<Decision> out, String kind, long t, String text, long upTo) {
        if (t <= upTo) {
            out.add(new Decision(kind, t, text));
        }
    }

    private static List<Decision> upTo(List<Decision> all, long t) {
        return all.stream().filter(d -> d.timeMs() <= t).toList();
    }

    /** The first decision (by time) on which the runs differ: {full's, truncated's}, one may be null; null when none. */
    static Decision[] firstDifference(List<Decision> a, List<Decision> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        if (i == a.size() && i == b.size()) {
            return null;
        }
        Decision x = i < a.size() ? a.get(i) : null, y = i < b.size() ? b.get(i) : null;
        // report the earlier one as the difference, with the other run's decision at that place when it is as early
        if (x != null && y != null && x.timeMs() != y.timeMs()) {
            return x.timeMs() < y.timeMs() ? new Decision[]{x, null} : new Decision[]{null, y};
        }
        return new Decision[]{x, y};
    }

    /** The decisions of {@code a} that {@code b} lacks (as multisets), in {@code a}'s order. */
    static List<Decision> only(List<Decision> a, List<Decision> b) {
        Map<Decision, Integer> left = new java.util.HashMap<>();
        b.forEach(d -> left.merge(d, 1, Integer::sum));
        List<Decision> out = new ArrayList<>();
        for (Decision d : a) {
            Integer k = left.get(d);
            if (k == null || k == 0) {
                out.add(d);
            } else {
                left.put(d, k - 1);
            }
        }
        return out;
    }

    private static Leak await(Future<Leak> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(UserError.Kind.FAILURE, "interrupted while waiting for the lookahead backtests", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The inputs a strategy exposes, for callers that show them (null: none). */
    public static SequencedMap<String, String> inputsOf(io.hypertrader.strategy.Strategy s) {
        return RecordingStrategy.inputsOf(s);
    }
}
