package io.hypertrader.backtest.sweep;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Test stand-in for the config loader's overrides: a handful of dotted paths onto the spec's
 * defaults (BTC 1h, realistic simulator, 10 000 USDC). Not a config loader: just enough paths to
 * sweep over in tests.
 */
final class TestBinder implements FibSetup.Binder {
    static final Coin BTC = Coin.of("BTC");

    @Override
    public FibSetup bind(SequencedMap<String, String> o) {
        FibHedgeParams d = FibHedgeParams.defaults(BTC, Interval.H1);
        double hedge = d.levels().hedge(), scale = d.levels().scale(), deep = d.levels().deep();
        int leverage = d.sizing().leverage();
        double stop = d.longStop().initialPct();
        for (var e : o.entrySet()) {
            double v = Double.parseDouble(e.getValue());
            switch (e.getKey()) {
                case "strategy.levels.hedge" -> hedge = v;
                case "strategy.levels.scale" -> scale = v;
                case "strategy.levels.deep" -> deep = v;
                case "strategy.sizing.leverage" -> leverage = (int) v;
                case "strategy.longStop.initialPct" -> stop = v;
                default -> throw UserError.usage("unknown config field " + e.getKey());
            }
        }
        try {
            FibHedgeParams p = new FibHedgeParams(d.coin(), d.interval(), d.thesis(), d.trigger(),
                    new FibHedgeParams.Levels(hedge, scale, deep, d.levels().chart()), d.exposure(), d.arm(), d.entry(),
                    d.hedgeExit(), d.reversal(), new FibHedgeParams.LongStop(stop, d.longStop().trailPct()),
                    new FibHedgeParams.Sizing(d.sizing().allocation(), d.sizing().cashReserve(), leverage), d.profit());
            return new FibSetup(List.of(p), SimConfig.REALISTIC, 10_000);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("strategy.levels: " + e.getMessage());
        }
    }

    static FibTrialFactory factory(CandleSeries candles) {
        return new FibTrialFactory(new TestBinder(), List.of(candles), Map.of(), List.of(Instrument.known(BTC)));
    }
}
