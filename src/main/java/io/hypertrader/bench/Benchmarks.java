package io.hypertrader.bench;

import java.util.List;

/** Every benchmark section, in the order {@code hypertrader bench} runs them. Add one line per section. */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static List<BenchSection> all() {
        return List.of(
                new DataBench(),
                new ReferenceRuleSection(),
                new FibHedgeSection(),
                new SignSection(),
                new LiveLatencySection(),
                new ColdCliSection(),
                new ReportCliSection(),
                new SweepEngineSection(),
                new RulesParitySection()
        );
    }
}
