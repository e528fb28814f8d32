package io.hypertrader.backtest;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.testdata.CandleCsv;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class DefectProbe2 {
    @Test
    void probe() {
        CandleSeries s = CandleCsv.read(Path.of("datasets/synthetic-btc-1h.csv"), "BTC", Interval.H1);
        StrategyConfig cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"), Map.of("strategy.trigger", "intrabar"));
        BacktestResult r = FibBacktest.run(cfg, List.of(s), Map.of(), Map.of(), SimConfig.preset("ideal").withPath(PathMode.BULLISH_LOW_FIRST), 1);
        Map<String, Integer> tags = new TreeMap<>();
        r.orders().forEach(o -> tags.merge(o.request().tag() + (o.request().reduceOnly() ? "/ro" : ""), 1, Integer::sum));
        System.out.println("TAGS " + tags + " orders " + r.orders().size());
        Map<String, Integer> reasons = new TreeMap<>();
        r.transitions().forEach(t -> reasons.merge(t.reason(), 1, Integer::sum));
        System.out.println("TRANS " + reasons);
        r.orders().stream().filter(o -> "dust".equals(o.request().tag())).limit(3).forEach(o -> System.out.println(DefectProbe.str(o)));
    }
}
