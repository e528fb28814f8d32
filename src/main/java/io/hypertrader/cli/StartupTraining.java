package io.hypertrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the launcher's start-up cache (JDK 25's AOT cache, {@code -XX:AOTCacheOutput}):
 * runs the everyday commands in-process against a throw-away database, so the cache holds the
 * classes, already loaded and linked, that a real start needs (picocli's tree, DuckDB's driver,
 * the config loader, the engine). Writes nothing outside its temporary folder and
 * prints nothing; {@code ./hypertrader} runs it once per build.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=CACHE -cp target/hypertrader.jar io.hypertrader.cli.StartupTraining PROJECT_DIR}
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path project = Path.of(args.length > 0 ? args[0] : ".");
        Path tmp = Files.createTempDirectory("hypertrader-training");
        try {
            train(project, tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    static void train(Path project, Path tmp) {
        Map<String, String> env = Map.of("HYPERTRADER_DB", tmp.resolve("t.duckdb").toString(),
                "HYPERTRADER_HOME", tmp.resolve("home").toString());
        run(env, "--help");
        for (String name : Subcommands.names()) {
            run(env, name, "--help");
        }
        run(env, "runs");
        Path shipped = project.resolve(BacktestCommand.SHIPPED_DATASET);
        Path config = project.resolve(BacktestCommand.DEFAULT_CONFIG);
        if (Files.isRegularFile(shipped) && Files.isRegularFile(config)) {
            run(env, "data", "import", shipped.toString(), "--coin", "BTC", "--interval", "1h", "--source", "synthetic");
            run(env, "data", "list");
            run(env, "data", "show", "--coin", "BTC", "--interval", "1h");
            run(env, "backtest", "--config", config.toString(), "--to", "2024-02-01", "--no-report");
            run(env, "runs");
        }
        run(env, "status");
    }

    private static void run(Map<String, String> env, String... args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        HyperTraderCli.commandLineFor(env, sink, sink, args).execute(args);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
