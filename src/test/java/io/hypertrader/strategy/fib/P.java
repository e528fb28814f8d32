package io.hypertrader.strategy.fib;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.strategy.PriceMode;

/** Test builder for {@link FibHedgeParams}. */
final class P {
    FibHedgeParams p = FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1);

    static P defaults() {
        return new P();
    }

    P thesis(Thesis t) {
        p = new FibHedgeParams(p.coin(), p.interval(), t, p.trigger(), p.levels(), p.exposure(), p.arm(), p.entry(),
                p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(), p.profit());
        return this;
    }

    P trigger(PriceMode m) {
        p = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), m, p.levels(), p.exposure(), p.arm(), p.entry(),
                p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(), p.profit());
        return this;
    }

    P arm(double pct, double atr) {
        p = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), p.trigger(), p.levels(), p.exposure(),
                new FibHedgeParams.Arm(pct, atr, 14), p.entry(), p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(),
                p.profit());
        return this;
    }

    P entry(int warmup, double price) {
        p = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), p.trigger(), p.levels(), p.exposure(), p.arm(),
                new FibHedgeParams.Entry(warmup, price), p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(), p.profit());
        return this;
    }

    P hedgeExit(boolean peak, double stopPct) {
        p = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), p.trigger(), p.levels(), p.exposure(), p.arm(),
                p.entry(), new FibHedgeParams.HedgeExit(peak, stopPct), p.reversal(), p.longStop(), p.sizing(), p.profit());
        return this;
    }

    P longStop(double initial, double trail) {
        p = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), p.trigger(), p.levels(), p.exposure(), p.arm(),
                p.entry(), p.hedgeExit(), p.reversal(), new FibHedgeParams.LongStop(initial, trail), p.sizing(), p.profit());
        return this;
    }

    P sizing(double alloc, double reserve, int lev) {
        p = p.withSizing(new FibHedgeParams.Sizing(alloc, reserve, lev));
        return this;
    }

    P fixedQty(double q) {
        FibHedgeParams.Sizing z = p.sizing();
        p = p.withSizing(new FibHedgeParams.Sizing(z.allocation(), z.cashReserve(), z.leverage(), q));
        return this;
    }

    P savings(double pct) {
        p = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), p.trigger(), p.levels(), p.exposure(), p.arm(),
                p.entry(), p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(), new FibHedgeParams.Profit(pct));
        return this;
    }

    FibHedgeParams get() {
        return p;
    }
}
