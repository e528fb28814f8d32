package io.hypertrader.backtest.lookahead;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.strategy.DecisionInputs;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Test strategy: at each bar close goes long when its signal bar closed higher than the bar just
 * closed, flat when lower. Honest, the signal bar is the previous one; peeking, it is the NEXT bar,
 * read through a test-only hook (the candles the run replays, handed in by the test's factory),
 * the lookahead the check must catch. Its decision inputs name the signal "signalClose".
 */
final class PeekingStrategy implements Strategy, DecisionInputs {
    private final CandleSeries replayed;
    private final boolean peek;
    private final Coin coin;
    private ExecutionVenue venue;
    private double close = Double.NaN;
    private double signal = Double.NaN;
    private boolean holding;

    PeekingStrategy(CandleSeries replayed, boolean peek) {
        this.replayed = replayed;
        this.peek = peek;
        this.coin = replayed.coin();
    }

    @Override
    public void start(StrategyContext context) {
        venue = context.venue();
        venue.setLeverage(coin, 2);
    }

    @Override
    public PriceMode priceMode() {
        return PriceMode.CLOSE;
    }

    @Override
    public void onPrice(Coin c, long timeMs, double price) {
    }

    @Override
    public void onBarClose(Coin c, long openTimeMs, double open, double high, double low, double close, double volume) {
        int i = Arrays.binarySearch(replayed.openTimes(), openTimeMs);
        int j = peek ? i + 1 : i - 1; // the hook: the bar after this one when peeking
        this.close = close;
        this.signal = j >= 0 && j < replayed.size() ? replayed.close(j) : Double.NaN;
        boolean up = peek ? signal > close : close > signal;
        boolean down = peek ? signal < close : close < signal;
        if (!holding && up) {
            venue.submit(OrderRequest.market(coin, Side.BUY, 0.01, false, "peek-long"));
            holding = true;
        } else if (holding && down) {
            venue.submit(OrderRequest.market(coin, Side.SELL, 0.01, true, "peek-flat"));
            holding = false;
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
    }

    @Override
    public SequencedMap<String, String> decisionInputs() {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        m.put("close", Double.toString(close));
        m.put("signalClose", Double.toString(signal));
        m.put("holding", Boolean.toString(holding));
        return m;
    }
}
