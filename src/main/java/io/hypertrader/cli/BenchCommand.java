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

/**
 * {@code hypertrader bench}: runs the benchmark sections and prints one table: name, median,
 * target, unit, whether the target was missed, and a detail column (agreement figures, spreads,
 * why a row was skipped). Exits 1 when a correctness row (the implementations' agreement) fails;
 * a missed performance target is printed, not an error.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the benchmarks and print one table: name, median, target, unit, detail "
                + "(medians over repetitions after warm-up). See docs/benchmarks.md for what each row measures.",
                "Exit 1 when implementations that must agree do not."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--section", paramLabel = "NAME", description = "Run only these sections (repeatable).")
    List<String> sections;

    @Option(names = "--quick", description = "CI smoke run: seconds, not minutes (1 warm-up, 5 repetitions unless given); figures are indicative only.")
    boolean quick;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Warm-up: N untimed runs (I/O sections) or N x 0.4 s of untimed running (in-memory sections); default 5.")
    Integer warmup;

    @Option(names = "--reps", paramLabel = "N", description = "Timed repetitions; the median is reported (default 21).")
    Integer reps;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        BenchOptions base = quick ? BenchOptions.quickRun() : BenchOptions.defaults();
        BenchOptions o;
        try {
            o = new BenchOptions(warmup != null ? warmup : base.warmup(), reps != null ? reps : base.repetitions(), quick);
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
        String fmt = "%-56s %12s %10s  %-5s %-6s %s%n";
        out.printf(Locale.ROOT, fmt, "name", "median", "target", "unit", "", "detail");
        List<String> failedChecks = new ArrayList<>();
        for (BenchSection s : run) {
            for (BenchRow r : s.run(o)) {
                String status = r.meetsTarget() ? "" : r.mustHold() ? "FAILED" : "MISSED";
                out.printf(Locale.ROOT, fmt, r.name(), r.skipped() ? "-" : number(r.median()),
                        Double.isNaN(r.target()) ? "-"
                                : String.format(Locale.ROOT, "%s%.3g", r.higherIsBetter() ? ">=" : "<=", r.target()),
                        r.unit(), status, r.detail());
                out.flush();
                if (!r.meetsTarget() && r.mustHold()) {
                    failedChecks.add(r.name());
                }
            }
        }
        if (quick) {
            out.println("(--quick: short warm-up and few repetitions; figures are indicative only)");
        }
        if (!failedChecks.isEmpty()) {
            root.err().println("error: benchmark checks failed: " + String.join("; ", failedChecks));
            return 1;
        }
        return 0;
    }

    /** Three decimals for ordinary magnitudes, scientific notation for tiny or huge ones. */
    static String number(double x) {
        double a = Math.abs(x);
        if (a != 0 && (a < 0.001 || a >= 1e9)) {
            return String.format(Locale.ROOT, "%.2e", x);
        }
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
