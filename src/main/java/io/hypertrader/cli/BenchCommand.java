package io.hypertrader.cli;

import io.hypertrader.bench.BenchOptions;
import io.hypertrader.bench.BenchRow;
import io.hypertrader.bench.BenchSection;
import io.hypertrader.bench.Benchmarks;
import io.hypertrader.core.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code hypertrader bench}: runs the benchmark sections and prints name, median, target, unit. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the benchmarks and print a table: name, median, target, unit (medians over repetitions after warm-up).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--section", paramLabel = "NAME", description = "Run only these sections (repeatable).")
    List<String> sections;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "N", description = "Untimed warm-up runs (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--reps", defaultValue = "21", paramLabel = "N", description = "Timed repetitions (default ${DEFAULT-VALUE}).")
    int reps;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        BenchOptions o;
        try {
            o = new BenchOptions(warmup, reps);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--warmup/--reps: " + e.getMessage());
        }
        List<BenchSection> run = new ArrayList<>();
        for (BenchSection s : Benchmarks.all()) {
            if (sections == null || sections.contains(s.name())) {
                run.add(s);
            }
        }
        if (run.isEmpty()) {
            throw UserError.usage("--section: no section named " + sections + " (known: "
                    + Benchmarks.all().stream().map(BenchSection::name).collect(Collectors.joining(", ")) + ")");
        }
        PrintWriter out = root.out();
        String fmt = "%-50s %12s %10s  %-6s %s%n";
        out.printf(Locale.ROOT, fmt, "name", "median", "target", "unit", "");
        for (BenchSection s : run) {
            for (BenchRow r : s.run(o)) {
                out.printf(Locale.ROOT, fmt, r.name(), String.format(Locale.ROOT, "%.3f", r.median()),
                        Double.isNaN(r.target()) ? "-" : String.format(Locale.ROOT, "%s%.3g", r.higherIsBetter() ? ">=" : "<=", r.target()),
                        r.unit(), r.meetsTarget() ? "" : "MISSED");
                out.flush();
            }
        }
        return 0;
    }
}
