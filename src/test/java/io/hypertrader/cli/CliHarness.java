package io.hypertrader.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
public final class CliHarness {
    public record Result(int exitCode, String out, String err) {
    }

    private CliHarness() {
    }

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HyperTraderCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public static Result run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * A fresh database {@code dir/t.duckdb} holding the shipped dataset (BTC 1h, 5000 synthetic bars),
     * imported through the CLI: the environment that points the CLI at it.
     */
    public static Map<String, String> shippedDatasetEnv(Path dir) {
        Map<String, String> env = Map.of("HYPERTRADER_DB", dir.resolve("t.duckdb").toString());
        Result r = run(env, "data", "import", "datasets/synthetic-btc-1h.csv", "--coin", "BTC", "--interval", "1h",
                "--source", "synthetic");
        if (r.exitCode() != 0) {
            throw new AssertionError("importing the shipped dataset failed (exit " + r.exitCode() + "): " + r.err());
        }
        return env;
    }
}
