package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;

/** Manual timing probe, not a test: main(profile, iterations) runs the last 5000 real candles repeatedly. */
public final class EngineTimingProbe {
    public static void main(String[] args) {
        CandleSeries s = SharedData.lastN("coinbase-btcusd-1h-2017-2019.csv", "BTC", Interval.H1, 5000);
        FibHedgeParams p = FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1);
        SimConfig sim = SimConfig.preset(args.length > 0 ? args[0] : "realistic");
        int iters = Integer.parseInt(args.length > 1 ? args[1] : "5000");
        double sink = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            sink += FibRun.run(p, s, sim, i).result.summary().finalEquity();
        }
        System.out.printf("%s: %.1f us/run (%s)%n", sim.profile(), (System.nanoTime() - t0) / 1e3 / iters, sink > 0);
    }
}
