package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;

/** Scratch timing probe (not a test): java -cp ... io.hypertrader.backtest.Probe */
public final class Probe {
    public static void main(String[] args) {
        CandleSeries s = SharedData.lastN("coinbase-btcusd-1h-2017-2019.csv", "BTC", Interval.H1, 5000);
        FibHedgeParams p = FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1);
        for (String prof : new String[]{"ideal", "seed", "realistic"}) {
            FibRun r = FibRun.run(p, s, SimConfig.preset(prof), 42);
            var sm = r.result.summary();
            System.out.printf("%s final=%.2f ret=%.4f mdd=%.4f fills=%d rej=%d canc=%d fees=%.2f fund=%.2f slip=%.2f resid=%.2e cycles=%d liq=%d%n",
                    prof, sm.finalEquity(), sm.totalReturn(), sm.maxDrawdown(), sm.fillCount(), sm.rejectedCount(),
                    sm.cancelledCount(), sm.fees(), sm.funding(), sm.slippage(), sm.ledgerResidual(), sm.cycles(), sm.liquidations());
            r.result.cycles().stream().limit(5).forEach(c -> System.out.println("  " + c));
        }
        SimConfig real = SimConfig.REALISTIC;
        for (int rep = 0; rep < 3; rep++) {
            int iters = 2000;
            long t0 = System.nanoTime();
            double sink = 0;
            for (int i = 0; i < iters; i++) {
                sink += FibRun.run(p, s, real, i).result.summary().finalEquity();
            }
            long t1 = System.nanoTime();
            System.out.printf("realistic 5000 candles: %.1f us/run (%s)%n", (t1 - t0) / 1e3 / iters, sink > 0);
        }
    }
}
