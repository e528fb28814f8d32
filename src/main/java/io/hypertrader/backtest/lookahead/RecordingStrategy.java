package io.hypertrader.backtest.lookahead;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.strategy.DecisionInputs;
import io.hypertrader.strategy.LegView;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.QuietBar;
import io.hypertrader.strategy.QuietBarAbsorber;
import io.hypertrader.strategy.StatefulStrategy;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.strategy.StrategyState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A strategy passed through unchanged (every callback, the quiet-bar fast path, the triggers and
 * the legs go to the wrapped one) that notes the wrapped strategy's decision inputs after each bar
 * closed: what the lookahead check compares between a full and a truncated run to name the value
 * that changed first. Only the attribution reruns use it.
 */
final class RecordingStrategy implements Strategy, LegView, QuietBarAbsorber {

    /** The inputs after the bar of {@code coin} that opened at {@code openTimeMs} closed. */
    record BarInputs(Coin coin, long openTimeMs, SequencedMap<String, String> inputs) {
    }

    private final Strategy inner;
    private final List<BarInputs> bars = new ArrayList<>();
    private ExecutionVenue venue;

    RecordingStrategy(Strategy inner) {
        this.inner = inner;
    }

    /** The decision inputs of a strategy: its own list, else its state's fields, else null (it exposes none). */
    static SequencedMap<String, String> inputsOf(Strategy s) {
        if (s instanceof DecisionInputs d) {
            return new LinkedHashMap<>(d.decisionInputs());
        }
        if (s instanceof StatefulStrategy st) {
            StrategyState state = st.snapshot();
            SequencedMap<String, String> m = new LinkedHashMap<>();
            m.put("state", state.name());
            for (String k : state.keys()) {
                m.put(k, state.text(k));
            }
            return m;
        }
        return null;
    }

    List<BarInputs> bars() {
        return bars;
    }

    private void note(Coin coin, long openTime) {
        SequencedMap<String, String> in = inputsOf(inner);
        if (in != null) {
            bars.add(new BarInputs(coin, openTime, in));
        }
    }

    @Override
    public void start(StrategyContext context) {
        venue = context.venue();
        inner.start(context);
    }

    @Override
    public PriceMode priceMode() {
        return inner.priceMode();
    }

    @Override
    public void onPrice(Coin coin, long timeMs, double price) {
        inner.onPrice(coin, timeMs, price);
    }

    @Override
    public void onBarClose(Coin coin, long openTimeMs, double open, double high, double low, double close, double volume) {
        inner.onBarClose(coin, openTimeMs, open, high, low, close, volume);
        note(coin, openTimeMs);
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        inner.onOrderEvent(event);
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
    public boolean absorbQuietBar(QuietBar bar) {
        boolean absorbed = QuietBarAbsorber.offer(inner, bar);
        if (absorbed) {
            note(bar.coin(), bar.openTime());
        }
        return absorbed;
    }

    @Override
    public void forcedBy(Coin coin, String reason) {
        inner.forcedBy(coin, reason);
    }

    @Override
    public void finish(long timeMs) {
        inner.finish(timeMs);
    }

    @Override
    public double longLeg(Coin coin) {
        return inner instanceof LegView lv ? lv.longLeg(coin) : Math.max(0, venue.position(coin));
    }

    @Override
    public double shortLeg(Coin coin) {
        return inner instanceof LegView lv ? lv.shortLeg(coin) : Math.max(0, -venue.position(coin));
    }
}
