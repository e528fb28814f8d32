package io.hypertrader.sim;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;

import java.math.RoundingMode;
import java.util.SplittableRandom;

/** A seeded strategy that throws random orders (market, limit GTC/IOC/ALO, stops, reduce-only) at the venue. */
final class RandomOrderStrategy implements Strategy {
    private final SplittableRandom rnd;
    private final double maxNotional;
    private final double rate;
    private ExecutionVenue venue;
    private int sz;
    int events;

    RandomOrderStrategy(long seed, double maxNotional, double rate) {
        this.rnd = new SplittableRandom(seed);
        this.maxNotional = maxNotional;
        this.rate = rate;
    }

    @Override
    public void start(StrategyContext context) {
        venue = context.venue();
        sz = venue.instrument(context.coins().get(0)).szDecimals();
        venue.setLeverage(context.coins().get(0), 10);
    }

    @Override
    public PriceMode priceMode() {
        return PriceMode.INTRABAR;
    }

    @Override
    public void onPrice(Coin coin, long t, double price) {
        if (rnd.nextDouble() > rate) {
            return;
        }
        double notional = 5 + rnd.nextDouble() * maxNotional;
        double size = OrderRounding.roundSize(notional / price, sz);
        if (size <= 0) {
            return;
        }
        Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
        int kind = rnd.nextInt(6);
        OrderRequest req;
        double pos = venue.position(coin);
        switch (kind) {
            case 0, 1 -> req = OrderRequest.market(coin, side, size, false, "m");
            case 2 -> {
                double off = price * (side == Side.BUY ? 1 - rnd.nextDouble() * 0.02 : 1 + rnd.nextDouble() * 0.02);
                double px = OrderRounding.roundPrice(off, sz, false, side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
                TimeInForce tif = TimeInForce.values()[rnd.nextInt(3)];
                req = OrderRequest.limit(coin, side, size, px, tif, "l");
            }
            case 3 -> {
                // marketable limit
                double off = price * (side == Side.BUY ? 1.01 : 0.99);
                double px = OrderRounding.roundPrice(off, sz, false, side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR);
                req = OrderRequest.limit(coin, side, size, px, TimeInForce.IOC, "ml");
            }
            case 4 -> {
                double trig = price * (side == Side.BUY ? 1.005 : 0.995);
                double px = OrderRounding.roundPrice(trig, sz, false, RoundingMode.HALF_EVEN);
                req = OrderRequest.stop(coin, side, size, px, false, "s");
            }
            default -> {
                if (pos == 0) {
                    return;
                }
                Side close = pos > 0 ? Side.SELL : Side.BUY;
                double ro = OrderRounding.roundSize(Math.abs(pos) * (0.3 + rnd.nextDouble()), sz);
                if (ro <= 0) {
                    return;
                }
                req = OrderRequest.market(coin, close, ro, true, "ro");
            }
        }
        venue.submit(req);
    }

    @Override
    public void onBarClose(Coin coin, long openTime, double open, double high, double low, double close, double volume) {
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        events++;
    }
}
