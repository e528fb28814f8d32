package io.hypertrader.backtest;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.testdata.CandleCsv;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

class DefectProbe {
    static String str(TrackedOrder o) {
        return o.id() + " " + o.request() + " dec " + java.time.Instant.ofEpochMilli(o.decisionTime()) + " end " + (o.endTime() < 0 ? "open" : java.time.Instant.ofEpochMilli(o.endTime())) + " " + o.status() + " filled " + o.filledSize() + " code " + o.rejectCode() + " reason " + o.reason();
    }
    @Test
    void probe1() {
        CandleSeries s = CandleCsv.lastN(Path.of("../shared/datasets/coinbase-btcusd-1h-2017-2019.csv"), "BTC", Interval.H1, 5000);
        StrategyConfig cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"), Map.of("strategy.entry.price", "3900"));
        BacktestResult r = FibBacktest.run(cfg, List.of(s), Map.of(), Map.of(), SimConfig.REALISTIC, 5);
        for (TrackedOrder o : r.orders()) {
            if (o.endTime() < 0 || o.endTime() - o.decisionTime() > 86_400_000L * 5) System.out.println("LONG " + str(o));
        }
        System.out.println(r.orders().size() + " orders " + r.riskEvents().stream().collect(Collectors.groupingBy(e -> e.rule() + "/" + e.action(), Collectors.counting())));
    }

    @Test
    void probe2() { probe2(Map.of("strategy.coin", "ETH", "strategy.interval", "4h")); }
    @Test
    void probe3() { probe2(Map.of("strategy.coin", "ETH", "strategy.interval", "4h", "risk.maxOrderNotionalUsd", "1e12")); }

    void probe2(Map<String, String> ov) {
        System.out.println("=== " + ov);
        CandleSeries s = CandleCsv.read(Path.of("../shared/datasets/coinbase-ethusd-4h-2016-2025.csv"), "ETH", Interval.H4);
        StrategyConfig cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"), ov);
        BacktestResult r = FibBacktest.run(cfg, List.of(s), Map.of(), Map.of(), SimConfig.REALISTIC, 3);
        System.out.println(s.size() + " bars " + r.summary());
        System.out.println(r.riskEvents().stream().collect(Collectors.groupingBy(e -> e.rule() + "/" + e.action(), Collectors.counting())));
        r.riskEvents().stream().limit(5).forEach(System.out::println);
        r.riskEvents().stream().filter(e -> e.reason().contains("reduce-only")).limit(5).forEach(System.out::println);
        r.cycles().stream().filter(c -> c.endReason().equals("liquidation")).forEach(System.out::println);
        r.cycles().stream().filter(c -> c.endReason().equals("risk-stop")).forEach(System.out::println);
        int dust = 0; for (int k = 0; k < r.times().length; k++) { double v = Math.abs(r.position()[0][k]) * r.mark()[0][k]; if (v > 0 && v < 10) dust++; }
        System.out.println("dust steps " + dust + " refused ms " + r.refusedTimeMs() + " frac " + r.refusedFraction());
        r.orders().stream().filter(o -> o.request().reduceOnly() && o.status() == io.hypertrader.core.OrderStatus.CANCELLED).limit(8).forEach(o -> System.out.println("RO " + str(o)));
        long[] t = r.times(); int run = 0; int best = 0; int bestEnd = 0;
        for (int k = 0; k < t.length; k++) { if (r.position()[0][k] != 0) { run++; if (run > best) { best = run; bestEnd = k; } } else run = 0; }
        System.out.println("longest held run " + best + " ending " + t[bestEnd] + " pos " + r.position()[0][bestEnd] + " at start " + r.position()[0][bestEnd - best + 1] + " t0 " + t[bestEnd-best+1]);
        System.out.println("first fills: "); r.fills().stream().limit(3).forEach(System.out::println);
        System.out.println("fills " + r.fills().size() + " last fill " + r.fills().get(r.fills().size()-1));
        double[][] pos = r.position();
        int held = 0; for (double v : pos[0]) if (v != 0) held++;
        System.out.println("held steps " + held + " of " + pos[0].length);
    }
}
