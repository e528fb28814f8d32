package io.hypertrader.strategy.fib;

import io.hypertrader.backtest.Bars;

import java.util.SplittableRandom;

/** Seeded random-walk bars for property tests. */
final class RandomBars {
    private RandomBars() {
    }

    static Bars walk(long seed, int n, double start) {
        SplittableRandom r = new SplittableRandom(seed);
        Bars b = new Bars("BTC");
        double p = start;
        for (int i = 0; i < n; i++) {
            double o = p;
            double c = Math.max(1, o * Math.exp(r.nextGaussian() * 0.02 + 0.001));
            double h = Math.max(o, c) * (1 + r.nextDouble() * 0.01);
            double l = Math.min(o, c) * (1 - r.nextDouble() * 0.01);
            double gap = r.nextDouble() < 0.05 ? Math.exp(r.nextGaussian() * 0.03) : 1;
            b.bar(o, h, l, c, 500 + r.nextDouble() * 1000);
            p = c * gap;
        }
        return b;
    }
}
