package io.hypertrader.cli;

import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.fake.FakeHyperliquid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A README that stays true: every line of every {@code ```bash} block of README.md is run, in
 * order, in one environment (a temporary database, HYPERTRADER_HOME and reports folder; the shipped
 * data; a local fake of Hyperliquid on 127.0.0.1 for market data and one for the live commands),
 * and any exit other than the one {@link #HOW_EACH_LINE_IS_RUN} states fails the test.
 * Placeholders take the values the lines before printed: RUN_ID the last backtest's run id,
 * DEPLOYMENT the last deployment created, {@code 0x...} the address of the imported key. Files a
 * line names ({@link #FILES}) are written to the temporary folder first and the line pointed at them.
 */
class ReadmeCommandsTest {

    /** How a README line is run. */
    enum How {
        /** In-process through the CLI, as written (plus {@link Rule#extraArgs}). */
        CLI,
        /** The same command with --help instead of its arguments: running it here is not possible or too costly. */
        CLI_HELP,
        /** A script of the project, run with --help: what it does needs an install or a person. */
        SCRIPT_HELP,
        /** Only checked to exist and be executable. */
        EXISTS,
        /** A plain shell line (no ./hypertrader): run by bash in the project folder with the test's environment. */
        SHELL,
        /**
         * A spark-submit of the application jar: spark-submit is not installed here, but the tests have Spark
         * on their classpath, so the CLI arguments after the jar run in-process as written (Spark local[N]).
         */
        SPARK_SUBMIT
    }

    /**
     * How one README line (or family of lines) is run.
     *
     * @param line      matched against the line, comment stripped (find(), so a prefix regex is enough)
     * @param how       see {@link How}
     * @param exit      the exit code expected (0 unless the README says otherwise)
     * @param extraArgs appended to each command of the line
     * @param reason    why the line is not simply run as written with exit 0 (empty when it is)
     */
    record Rule(Pattern line, How how, int exit, List<String> extraArgs, String reason) {
        static Rule of(String regex, How how, int exit, List<String> extra, String reason) {
            return new Rule(Pattern.compile(regex), how, exit, extra, reason);
        }
    }

    /**
     * THE TABLE: how each README line is run, first match wins. When a README command changes (the
     * live commands are being reworked), adjust or add its row here; a line no row matches fails
     * the test, so nothing is silently left out.
     */
    static final List<Rule> HOW_EACH_LINE_IS_RUN = List.of(
            Rule.of("^\\./mvnw -B verify$", How.EXISTS, 0, List.of(),
                    "this is the test suite itself: running it from inside would recurse; the wrapper must exist"),
            Rule.of("^notebooks/run --setup-only && JUPYTER_PATH=notebooks/\\.kernel jupyter notebook notebooks/$",
                    How.SCRIPT_HELP, 0, List.of(), "starts the interactive Jupyter server, which never exits (and needs"
                            + " Debian's jupyter-notebook, which the README's requirements name): notebooks/run --help"),
            Rule.of("^notebooks/run$", How.SCRIPT_HELP, 0, List.of(),
                    "executes every notebook under Jupyter (CI's .ci/run does): notebooks/run --help here"),
            Rule.of("^\\./hypertrader bench\\b", How.CLI_HELP, 0, List.of(),
                    "minutes of benchmarking (CI's .ci/run runs bench --quick): bench --help here"),
            Rule.of("^\\./hypertrader record --coin ", How.CLI_HELP, 0, List.of(),
                    "records until Ctrl-C (a service): record --help here; the --once line above it runs as written"),
            Rule.of("^\\./hypertrader serve\\b", How.CLI_HELP, 0, List.of(),
                    "serves until Ctrl-C: serve --help here; ServeSecurityTest and ServeBrowserTest start it and use it"),
            Rule.of("^\\./hypertrader run DEPLOYMENT\\b", How.CLI, 0, List.of("--poll-ms", "0"),
                    "the fake exchange reveals a new bar on each poll: polling every 2 s (the default) would only wait"),
            Rule.of("^\\./hypertrader run --all\\b", How.CLI, 0, List.of("--poll-ms", "0"),
                    "the fake exchange reveals a new bar on each poll: polling every 2 s (the default) would only wait"),
            Rule.of("^\\./hypertrader promote .*--to testnet\\b", How.CLI, 5, List.of(),
                    "the README says it: the testnet gate needs 24 h and 5 trades of paper trading first"),
            Rule.of("^\\./hypertrader promote .*--to mainnet\\b", How.CLI, 5, List.of(),
                    "the README says it: the mainnet gate needs 100 testnet orders first"),
            Rule.of("^\\./hypertrader alerts test$", How.CLI, 2, List.of(),
                    "the README runs it with the channels' variables set (a real webhook, SMTP server, Telegram bot);"
                            + " here none is, and it must refuse naming the first missing variable"),
            Rule.of("^mkdir -p \"\\$\\{HYPERTRADER_HOME", How.SHELL, 0, List.of(),
                    "copies the example alerts config into HYPERTRADER_HOME (the test's temporary one)"),
            Rule.of("^\\./mvnw -B -Pspark-app -DskipTests package$", How.EXISTS, 0, List.of(),
                    "builds the Spark application jar (about 160 MB, a minute and more): the wrapper must exist; the"
                            + " spark-submit line after it runs its CLI arguments on the tests' Spark"),
            Rule.of("^spark-submit --master 'local\\[2\\]' target/hypertrader-spark\\.jar ", How.SPARK_SUBMIT, 0,
                    List.of("--threads", "2"), "spark-submit is not installed here: the arguments after the jar run"
                            + " in-process on the tests' Spark, local[2] as the line's --master says"),
            Rule.of("^\\./hypertrader ", How.CLI, 0, List.of(), ""));

    /** Subcommands that talk to the live fake (the others, fetch included, to the market-data fake). */
    static final List<String> LIVE = List.of("promote", "run", "status", "orders", "fills", "parity", "stop");

    /** A throw-away key (never funded anywhere) and an order action for sign. */
    static final String KEY_HEX = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    static final Map<String, String> FILES = Map.of(
            "key.txt", KEY_HEX + "\n",
            "action.json", "{\"type\":\"order\",\"orders\":[{\"a\":0,\"b\":true,\"p\":\"30000\",\"s\":\"0.001\",\"r\":false,"
                    + "\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}\n");

    /** Files the README writes outside the temporary folders: redirected there (the line is otherwise as written). */
    static final Map<String, String> OUTPUTS = Map.of(
            "/tmp/btc-1h.parquet", "btc-1h.parquet",
            "datasets/restored.duckdb", "restored.duckdb");

    static final Pattern RUN_ID = Pattern.compile("\\bbt-\\d{8}T\\d{6}-[0-9a-f]{8}\\b");
    static final Pattern DEPLOYMENT = Pattern.compile("deployment ((?:paper|testnet|mainnet)-[0-9a-f]{8}-\\d+) created");
    static final Pattern ADDRESS = Pattern.compile("\\b0x[0-9a-fA-F]{40}\\b");

    @TempDir
    Path dir;

    /** One README line as found: its block's heading and the text. */
    record Line(int number, String text) {
    }

    /** Every command line of the README's bash blocks, comments and blank lines dropped. */
    static List<Line> readmeLines(Path readme) throws IOException {
        List<Line> out = new ArrayList<>();
        boolean inBash = false;
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!inBash && l.equals("```bash")) {
                inBash = true;
            } else if (inBash && l.startsWith("```")) {
                inBash = false;
            } else if (inBash && !l.isEmpty() && !l.startsWith("#")) {
                out.add(new Line(i + 1, stripComment(l)));
            }
        }
        return out;
    }

    /** The line without a trailing shell comment (" #" outside quotes). */
    static String stripComment(String l) {
        boolean single = false, dbl = false;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && i > 0 && Character.isWhitespace(l.charAt(i - 1))) {
                return l.substring(0, i).strip();
            }
        }
        return l;
    }

    static Rule rule(String line) {
        return HOW_EACH_LINE_IS_RUN.stream().filter(r -> r.line().matcher(line).find()).findFirst().orElse(null);
    }

    @Test
    void everyReadmeCommandLineRunsAsWritten() throws Exception {
        List<Line> lines = readmeLines(Path.of("README.md"));
        assertThat(lines).as("command lines in README.md").hasSizeGreaterThan(30);
        List<String> unmatched = lines.stream().filter(l -> rule(l.text()) == null).map(l -> l.number() + ": " + l.text()).toList();
        assertThat(unmatched).as("README lines no row of HOW_EACH_LINE_IS_RUN covers").isEmpty();

        Map<String, Path> files = new HashMap<>();
        for (var f : FILES.entrySet()) {
            files.put(f.getKey(), Files.writeString(dir.resolve(f.getKey()), f.getValue()));
        }
        try (FakeHyperliquid live = FakeHyperliquid.start(Network.TESTNET);
             FakeHyperliquid market = FakeHyperliquid.start(Network.MAINNET)) {
            io.hypertrader.live.fake.SyntheticHistory.serve(market, System.currentTimeMillis(), "SOL");
            market.setDateOffsetMs(null);
            new LiveFixtures.Script(live, 5).add("BTC", LiveFixtures.candles(11, 400, System.currentTimeMillis(), 60_000, Interval.H1));
            Map<String, String> env = new HashMap<>();
            env.put("HYPERTRADER_DB", dir.resolve("readme.duckdb").toString());
            env.put("HYPERTRADER_HOME", dir.resolve("home").toString());
            env.put("HYPERTRADER_REPORTS", dir.resolve("reports").toString());
            env.put("HYPERTRADER_KEY_PASSPHRASE", "readme passphrase");
            Session s = new Session(env, market.baseUrl(), live.baseUrl(), files);
            for (Line l : lines) {
                long t0 = System.nanoTime();
                s.run(l);
                // in the test's output file (target/surefire-reports): where the time goes
                System.out.printf("%6.2f s  README line %d: %s%n", (System.nanoTime() - t0) / 1e9, l.number(), l.text());
            }
            assertThat(s.failures).as("README lines that did not run as written").isEmpty();
            // the placeholders really were filled from earlier output, and every kind of line ran
            assertThat(s.values).containsKeys("RUN_ID", "DEPLOYMENT", "0x...");
            assertThat(s.ran).containsKeys(How.CLI, How.CLI_HELP, How.SCRIPT_HELP, How.EXISTS, How.SHELL);
            assertThat(s.ran.get(How.CLI)).isGreaterThan(30);
        }
    }

    /** The state a README walk carries from line to line. */
    static final class Session {
        final Map<String, String> env;
        final String marketUrl;
        final String liveUrl;
        final Map<String, Path> files;
        final Map<String, String> values = new HashMap<>();
        final Map<How, Integer> ran = new HashMap<>();
        final List<String> failures = new ArrayList<>();

        Session(Map<String, String> env, String marketUrl, String liveUrl, Map<String, Path> files) {
            this.env = env;
            this.marketUrl = marketUrl;
            this.liveUrl = liveUrl;
            this.files = files;
        }

        void run(Line l) throws Exception {
            Rule r = rule(l.text());
            ran.merge(r.how(), 1, Integer::sum);
            switch (r.how()) {
                case EXISTS -> {
                    Path p = Path.of(l.text().split(" ")[0]);
                    if (!Files.isExecutable(p)) {
                        failures.add(l.number() + ": " + l.text() + " -> " + p + " is not an executable file");
                    }
                }
                case SCRIPT_HELP -> {
                    String script = l.text().split(" ")[0];
                    Process p = new ProcessBuilder("bash", script, "--help").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.contains("notebook")) {
                        failures.add(l.number() + ": " + script + " --help -> " + out.lines().findFirst().orElse(""));
                    }
                }
                case SHELL -> {
                    ProcessBuilder pb = new ProcessBuilder("bash", "-c", l.text()).redirectErrorStream(true);
                    pb.environment().putAll(env);
                    Process p = pb.start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != r.exit()) {
                        failures.add(l.number() + ": " + l.text() + " -> " + out.lines().limit(3).toList());
                    }
                }
                case SPARK_SUBMIT -> {
                    List<String> words = expand(l.text());
                    int jar = words.indexOf("target/hypertrader-spark.jar");
                    List<String> args = new ArrayList<>(words.subList(jar + 1, words.size()));
                    args.addAll(r.extraArgs());
                    CliHarness.Result res = CliHarness.run(new HashMap<>(env), args.toArray(String[]::new));
                    if (jar < 0 || res.exitCode() != r.exit()) {
                        failures.add(l.number() + ": " + String.join(" ", args) + " -> exit " + res.exitCode() + ": "
                                + res.err().lines().limit(3).toList());
                    }
                }
                case CLI, CLI_HELP -> {
                    for (String command : l.text().split("\\s*(&&|;)\\s*")) {
                        List<String> args = expand(command);
                        if (!args.getFirst().equals("./hypertrader")) {
                            failures.add(l.number() + ": '" + command + "' is not a ./hypertrader command; give it a row");
                            return;
                        }
                        args = new ArrayList<>(args.subList(1, args.size()));
                        if (r.how() == How.CLI_HELP) {
                            args = new ArrayList<>(List.of(args.getFirst(), "--help"));
                        } else {
                            args.addAll(r.extraArgs());
                        }
                        if (!fill(l, args)) {
                            return;
                        }
                        Map<String, String> e = new HashMap<>(env);
                        e.put("HYPERTRADER_API_URL", LIVE.contains(args.getFirst()) ? liveUrl : marketUrl);
                        CliHarness.Result res = CliHarness.run(e, args.toArray(String[]::new));
                        remember(res.out() + "\n" + res.err());
                        if (res.exitCode() != r.exit()) {
                            failures.add(l.number() + ": ./hypertrader " + String.join(" ", args) + " -> exit " + res.exitCode()
                                    + " (expected " + r.exit() + "): " + res.err().lines().limit(3).toList());
                        }
                    }
                }
            }
        }

        /** Replaces placeholders and the README's file names; false (and a failure) when a value is missing. */
        private boolean fill(Line l, List<String> args) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                for (String key : List.of("RUN_ID", "DEPLOYMENT", "0x...")) {
                    if (a.equals(key)) {
                        String v = values.get(key);
                        if (v == null) {
                            failures.add(l.number() + ": no earlier line printed a value for " + key);
                            return false;
                        }
                        args.set(i, v);
                    }
                }
                if (files.containsKey(a)) {
                    args.set(i, files.get(a).toString());
                }
                if (OUTPUTS.containsKey(a)) {
                    args.set(i, Path.of(env.get("HYPERTRADER_HOME")).resolveSibling(OUTPUTS.get(a)).toString());
                }
            }
            return true;
        }

        /** The words of one command as the shell would pass them, with the test's environment. */
        private List<String> expand(String command) throws IOException, InterruptedException {
            return ReadmeCommandsTest.expand(command, env);
        }

        private void remember(String printed) {
            last(RUN_ID, printed, 0).ifPresent(v -> values.put("RUN_ID", v));
            last(DEPLOYMENT, printed, 1).ifPresent(v -> values.put("DEPLOYMENT", v));
            if (printed.contains("imported the key of")) {
                last(ADDRESS, printed, 0).ifPresent(v -> values.put("0x...", v));
            }
        }

        private static java.util.Optional<String> last(Pattern p, String text, int group) {
            Matcher m = p.matcher(text);
            String found = null;
            while (m.find()) {
                found = m.group(group);
            }
            return java.util.Optional.ofNullable(found);
        }
    }

    /**
     * The words of one command as bash passes them: quotes, variables and command substitutions
     * expanded, in the project folder, with {@code env} added to the environment.
     */
    static List<String> expand(String command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "printf '%s\\0' " + command);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bash could not expand: " + command);
        }
        List<String> words = new ArrayList<>(List.of(out.split("\\x00")));
        words.removeIf(String::isEmpty);
        return words;
    }

    @Test
    void theExtractionAndTheTableCanFail() throws Exception {
        assertThat(stripComment("./hypertrader runs --limit 5   # stored runs")).isEqualTo("./hypertrader runs --limit 5");
        assertThat(stripComment("./hypertrader sign --x 'a # b'")).isEqualTo("./hypertrader sign --x 'a # b'");
        assertThat(expand("./hypertrader backtest --set 'a=b c' \"$X\" --json", Map.of("X", "x y")))
                .containsExactly("./hypertrader", "backtest", "--set", "a=b c", "x y", "--json");
        assertThat(rule("python3 something.py")).isNull();
        assertThat(rule("./hypertrader bench --quick").how()).isEqualTo(How.CLI_HELP);
        assertThat(rule("./hypertrader promote --config c.yaml --to testnet --account 0x...").exit()).isEqualTo(5);
        assertThat(rule("./hypertrader promote --config c.yaml").exit()).isZero();
    }
}
