package io.hypertrader.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options sweep, montecarlo and walkforward share (a picocli mixin). */
final class StudyOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Strategy config (default: " + BacktestCommand.DEFAULT_CONFIG + ").")
    Path config;

    /** --coin, --interval, --from, --to and --set, exactly as backtest takes them. */
    @Mixin
    SelectionOptions selection;

    @Option(names = "--param", paramLabel = "PATH=VALUES",
            description = "A config field and its values: start:end:step (inclusive), a comma list, or one value; "
                    + "sim.* paths go to the simulator config. Repeatable; the grid is their product.")
    List<String> params;

    @Option(names = "--profile", paramLabel = "ideal|seed|realistic",
            description = "Simulator profile (default: realistic; the base of --sim).")
    String profile;

    @Option(names = "--sim", paramLabel = "FILE", description = "Simulator config file (fields override its profile).")
    Path sim;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--detail", paramLabel = "INTERVAL",
            description = "Replay every trial's bars through the stored finer candles of INTERVAL (e.g. 1m inside 1h), as"
                    + " backtest --detail does.")
    String detail;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Folder of reports (default: $HYPERTRADER_REPORTS or reports).")
    Path reports;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where the backtests run: local (this machine's threads; the default) or spark (Apache Spark:"
                    + " the cluster spark-submit names, or local[N] with N = --threads; docs/sweeps.md). Results do not"
                    + " depend on it.")
    String engine;

    @Option(names = "--spark-results", paramLabel = "DIR",
            description = "With --engine spark: where each backtest's result is written as Parquet, one sweep_id=<id>"
                    + " folder per study; shared storage (hdfs://, s3a://) on a cluster (default: the reports folder's"
                    + " spark/). Rerunning an interrupted study resumes from it.")
    String sparkResults;
}
