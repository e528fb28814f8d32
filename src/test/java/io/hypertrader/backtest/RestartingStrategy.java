package io.hypertrader.backtest;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.strategy.LegView;
import io.hypertrader.strategy.PositionExpectation;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.QuietBar;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.strategy.StrategyState;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.FibHedgeStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Test driver hook: one coin's slot whose {@link FibHedgeStrategy} is restarted in the middle of
 * a backtest. After callback number {@code i} (every onPrice, onBarClose, onOrderEvent and
 * absorbQuietBar counts, from 0) for which {@code restartAfter} holds, the running instance's
 * snapshot is written to text, parsed back and restored into a FRESH instance (constructed,
 * started on the same context, restored), which then replaces it for the rest of the run:
 * exactly what a runner does after a crash, minus the crash. The engine is untouched; it drives
 * this wrapper like any strategy.
 *
 * <p>It can also record, after the callbacks of a given range, what the strategy is doing
 * ({@link Moment}) and the text of its state, so a test can pick cut points in each state and
 * compare the state sequence of two runs ({@code states.get(k)} is after callback
 * {@code recordFrom + k}).
 */
public final class RestartingStrategy implements Strategy, LegView, io.hypertrader.strategy.QuietBarAbsorber {

    /** The strategy after callback {@code index}: its state and what it waits on. */
    record Moment(int index, String callback, String state, boolean stoppedOut, boolean orderInFlight,
                  boolean entryLimitResting, boolean toTrade) {
    }

    private final FibHedgeParams params;
    private final IntPredicate restartAfter;
    /** Record moments and states after callbacks recordFrom (inclusive) to recordTo (exclusive). */
    private final int recordFrom;
    private final int recordTo;
    private FibHedgeStrategy inner;
    private StrategyContext context;
    private int callbacks;
    private int depth;
    private int restarts;
    final List<Moment> moments = new ArrayList<>();
    final List<String> states = new ArrayList<>();
    /** The state texts handed across each restart (for the test to check they are what it claims). */
    final List<String> restoredFrom = new ArrayList<>();

    /** The state when the run ended, before {@link #finish} (what a runner that stops journals last). */
    private StrategyState atFinish;

    public RestartingStrategy(FibHedgeParams params, IntPredicate restartAfter, int recordFrom, int recordTo) {
        this.params = params;
        this.restartAfter = restartAfter;
        this.recordFrom = recordFrom;
        this.recordTo = recordTo;
        this.inner = new FibHedgeStrategy(params);
    }

    /** The instance running now (after the last restart). */
    public FibHedgeStrategy current() {
        return inner;
    }

    public StrategyState atFinish() {
        return atFinish;
    }

    int restarts() {
        return restarts;
    }

    int callbacks() {
        return callbacks;
    }

    @Override
    public void start(StrategyContext ctx) {
        this.context = ctx;
        inner.start(ctx);
    }

    @Override
    public PriceMode priceMode() {
        return inner.priceMode();
    }

    @Override
    public void onPrice(Coin coin, long timeMs, double price) {
        enter();
        inner.onPrice(coin, timeMs, price);
        exit("price");
    }

    @Override
    public void onBarClose(Coin coin, long openTimeMs, double open, double high, double low, double close, double volume) {
        enter();
        inner.onBarClose(coin, openTimeMs, open, high, low, close, volume);
        exit("bar");
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        enter();
        inner.onOrderEvent(event);
        exit(event.getClass().getSimpleName());
    }

    @Override
    public boolean absorbQuietBar(QuietBar bar) {
        enter();
        boolean taken = io.hypertrader.strategy.QuietBarAbsorber.offer(inner, bar);
        exit(taken ? "quiet" : "quiet-declined");
        return taken;
    }

    @Override
    public double triggerAbove(Coin coin) {
        return inner.triggerAbove(coin);
    }

    @Override
    public double triggerBelow(Coin coin) {
        return inner.triggerBelow(coin);
    }

    @Override
    public void finish(long timeMs) {
        atFinish = inner.snapshot();
        inner.finish(timeMs);
    }

    @Override
    public double longLeg(Coin coin) {
        return inner.longLeg(coin);
    }

    @Override
    public double shortLeg(Coin coin) {
        return inner.shortLeg(coin);
    }

    private void enter() {
        if (depth++ != 0) {
            throw new IllegalStateException("callbacks nested: a restart point would fall inside a decision");
        }
    }

    /** A callback returned: record, and restart when asked (only here, between callbacks). */
    private void exit(String callback) {
        depth--;
        int i = callbacks++;
        if (i >= recordFrom && i < recordTo) {
            StrategyState s = inner.snapshot();
            PositionExpectation x = inner.expectation(params.coin());
            states.add(s.format());
            moments.add(new Moment(i, callback, s.name(), s.getBoolean("stoppedOut"), s.getLong("order") >= 0,
                    s.getLong("entryLimit") >= 0, x.willTrade()));
        }
        if (restartAfter.test(i)) {
            String text = inner.snapshot().format();
            FibHedgeStrategy fresh = new FibHedgeStrategy(params);
            fresh.start(context);
            fresh.restore(StrategyState.parse(text));
            inner = fresh;
            restarts++;
            restoredFrom.add(text);
        }
    }
}
