package io.hypertrader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of every package, read from the main sources (imports and fully qualified names,
 * comments and string literals left out):
 * <ul>
 *   <li>each package uses only the project packages {@link #MAY_USE} lets it (so core knows
 *       nothing, strategy knows no simulator, live venue or data store, the simulator knows
 *       nothing of live); a new dependency is a design decision, written down there;</li>
 *   <li>JDBC, DuckDB and HTTP only where {@link #MAY_USE_IO} says (the strategy, the simulator,
 *       the core never touch storage or the network);</li>
 *   <li>no wall-clock read outside the short {@link #WALL_CLOCK_SOURCES} list (the command line,
 *       which wires the real clocks in, and the named clock sources); the engine packages read
 *       no time at all, not even {@code System.nanoTime}, and draw no unseeded random numbers.</li>
 * </ul>
 * The strategy's own, stricter import rule stays in {@code strategy.StrategyImportsTest}.
 */
class LayeringTest {

    static final Path MAIN = Path.of("src/main/java/io/hypertrader");

    /** Project packages (the first name under io.hypertrader, with its sub-packages) each package may use. */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("core", Set.of()), // orders, candles, coins: knows nothing else
            Map.entry("exec", Set.of("core")), // the venue interface, rounding and the venue rules
            Map.entry("portfolio", Set.of("core")), // the simulated account
            Map.entry("analytics", Set.of("core")), // metrics of a run's figures
            Map.entry("data", Set.of("core")), // candle and funding storage, market-data HTTP
            Map.entry("strategy", Set.of("core", "exec")), // runs unchanged in backtest, paper and live
            Map.entry("sim", Set.of("core", "exec", "portfolio")), // the simulated venue: knows nothing of live
            Map.entry("risk", Set.of("core", "exec", "strategy")), // guards any venue, any strategy
            Map.entry("kernel", Set.of("core", "exec", "strategy", "risk")), // the one driver: events to strategies, then the venue
            Map.entry("report", Set.of("core", "analytics")), // renders figures it is given
            Map.entry("config", Set.of("core", "exec", "risk", "sim", "strategy")), // builds what it configures
            Map.entry("backtest", Set.of("kernel", "core", "exec", "portfolio", "analytics", "data", "strategy", "sim", "risk", "report",
                    "config")), // the replay: everything below it, nothing of live
            Map.entry("store", Set.of("kernel", "core", "exec", "portfolio", "analytics", "data", "strategy", "sim", "risk", "report",
                    "config", "backtest")), // stored runs, sweeps, searches, the backtest job and the report service: the engine's I/O
            Map.entry("live", Set.of("kernel", "core", "exec", "portfolio", "data", "strategy", "sim", "risk", "config", "backtest")), // paper keeps a simulated account
            Map.entry("record", Set.of("core", "data", "live")), // the candle recorder service
            Map.entry("ops", Set.of("core", "data", "risk", "live")), // alerts, backups, metrics of deployments
            Map.entry("serve", Set.of("kernel", "store", "core", "risk", "live", "backtest", "ops")), // the dashboard: reads the stores, acts through the CLI's code
            Map.entry("bench", Set.of("kernel", "store", "core", "exec", "analytics", "data", "strategy", "sim", "risk", "backtest", "live")),
            Map.entry("cli", Set.of("kernel", "store", "core", "exec", "portfolio", "analytics", "data", "strategy", "sim", "risk", "report",
                    "config", "backtest", "live", "record", "ops", "bench", "serve"))); // the entry points wire everything

    /** Packages that may touch JDBC, DuckDB or HTTP directly. */
    static final Set<String> MAY_USE_IO = Set.of("data", "store", "live", "record", "ops", "cli");
    static final Pattern IO_LIBRARY = Pattern.compile("\\b(java\\.sql|javax\\.sql|org\\.duckdb|okhttp3|okio|java\\.net\\.http)\\.");

    /** The engine: deterministic code that reads no clock and draws no unseeded random number. */
    static final Set<String> ENGINE = Set.of("core", "exec", "kernel", "portfolio", "analytics", "strategy", "sim", "risk", "report",
            "config", "backtest");

    /**
     * Where the wall clock may be read, file (under io/hypertrader) to the number of reads; a
     * directory ending in '/' allows any number.
     */
    static final Map<String, Integer> WALL_CLOCK_SOURCES = Map.of(
            "cli/", Integer.MAX_VALUE, // the entry points: ids, created_at, and the clocks they hand the runners
            "data/TransportClock.java", 1, // the HTTP transport's clock source (system())
            "data/Database.java", 3, // stamps migrations applied when a database is opened
            "data/DuckDbNativeCopies.java", 1, // sweepOnce(): a temp file's age is its mtime against the wall clock
            "live/sign/NonceSource.java", 1, // systemClock(): the nonce clock of live signing
            "live/exchange/HyperliquidExchangeClient.java", 1, // create(): the live client on the wall clock
            "ops/alert/AlertDispatcher.java", 1, // of(config): the dispatcher the CLI starts
            "bench/LiveLatencySection.java", 1); // the live runner under the latency bench runs on the wall clock, as `run`

    static final Pattern WALL_CLOCK = Pattern.compile("System\\s*(\\.|::)\\s*currentTimeMillis"
            + "|\\b(Instant|LocalDateTime|LocalDate|LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime|Year|YearMonth|MonthDay)"
            + "\\s*\\.\\s*now\\s*\\(\\s*\\)"
            + "|\\bClock\\s*\\.\\s*system(UTC|DefaultZone)?\\s*\\(|\\bInstantSource\\s*\\.\\s*system\\s*\\("
            + "|\\bnew\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)|\\bCalendar\\s*\\.\\s*getInstance\\s*\\(");
    static final Pattern ANY_CLOCK = Pattern.compile("System\\s*(\\.|::)\\s*nanoTime");
    static final Pattern UNSEEDED_RANDOM = Pattern.compile("\\bMath\\s*\\.\\s*random\\s*\\(|\\bnew\\s+(java\\.util\\.)?Random\\s*\\(\\s*\\)"
            + "|\\bThreadLocalRandom\\b|\\bRandomGenerator\\s*\\.\\s*getDefault|\\bSecureRandom\\b|\\bUUID\\s*\\.\\s*randomUUID"
            + "|\\bnew\\s+SplittableRandom\\s*\\(\\s*\\)");
    static final Pattern PROJECT_REF = Pattern.compile("\\bio\\.hypertrader\\.([a-z]\\w*)");

    /** Each main source: its path under io/hypertrader and its code without comments and literals. */
    static Map<String, String> sources;

    @BeforeAll
    static void read() throws IOException {
        sources = new TreeMap<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(MAIN.relativize(f).toString().replace('\\', '/'), code(Files.readString(f)));
            }
        }
    }

    static Stream<String> packages() {
        return MAY_USE.keySet().stream().sorted();
    }

    @Test
    void everyPackageHasARule() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> s = Files.list(MAIN)) {
            s.filter(Files::isDirectory).forEach(d -> found.add(d.getFileName().toString()));
        }
        assertThat(found).as("packages under io.hypertrader (give a new one its rule in MAY_USE)")
                .containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
    }

    @ParameterizedTest(name = "{0} uses only what its layer allows")
    @MethodSource("packages")
    void aPackageUsesOnlyWhatItsLayerAllows(String pkg) {
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (!packageOf(e.getKey()).equals(pkg)) {
                continue;
            }
            files++;
            Matcher m = PROJECT_REF.matcher(e.getValue());
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(pkg) && !MAY_USE.get(pkg).contains(used)) {
                    problems.add(e.getKey() + " uses io.hypertrader." + used);
                }
            }
            if (!MAY_USE_IO.contains(pkg)) {
                Matcher io = IO_LIBRARY.matcher(e.getValue());
                while (io.find()) {
                    problems.add(e.getKey() + " uses " + io.group(1) + " (storage or network)");
                }
            }
        }
        assertThat(files).as("sources of " + pkg).isPositive();
        assertThat(problems).as(pkg + " may use " + MAY_USE.get(pkg)).isEmpty();
    }

    @Test
    void theWallClockIsReadOnlyByTheNamedSources() {
        Map<String, Integer> reads = new TreeMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            int n = count(WALL_CLOCK, e.getValue());
            if (n > 0) {
                reads.put(e.getKey(), n);
            }
        }
        List<String> problems = new ArrayList<>();
        reads.forEach((file, n) -> {
            int allowed = WALL_CLOCK_SOURCES.entrySet().stream()
                    .filter(a -> a.getKey().endsWith("/") ? file.startsWith(a.getKey()) : file.equals(a.getKey()))
                    .mapToInt(Map.Entry::getValue).max().orElse(0);
            if (n > allowed) {
                problems.add(file + " reads the wall clock " + n + " time(s), allowed " + allowed
                        + " (inject a clock; a new clock source goes into WALL_CLOCK_SOURCES with its reason)");
            }
        });
        assertThat(problems).isEmpty();
        // the list stays honest: every named source still reads the clock
        WALL_CLOCK_SOURCES.keySet().stream().filter(k -> !k.endsWith("/"))
                .forEach(k -> assertThat(reads).as("allowed clock source " + k + " still reads the clock").containsKey(k));
    }

    @Test
    void theEngineReadsNoClockAndDrawsNoUnseededRandomNumber() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (!ENGINE.contains(packageOf(e.getKey()))) {
                continue;
            }
            for (Pattern p : List.of(WALL_CLOCK, ANY_CLOCK, UNSEEDED_RANDOM)) {
                Matcher m = p.matcher(e.getValue());
                while (m.find()) {
                    problems.add(e.getKey() + ": " + m.group());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theScannerSeesCodeAndIgnoresCommentsAndStrings() {
        String src = """
                package io.hypertrader.sim;
                import io.hypertrader.live.venue.HyperliquidVenue; // a forbidden import
                /** See {@link io.hypertrader.cli.Main}; System.currentTimeMillis() is not read here. */
                class X {
                    String s = "io.hypertrader.data.CandleStore and Instant.now()";
                    char c = '"';
                    long t = java.time.Instant.now().toEpochMilli();
                    Object o = new io.hypertrader.record.Recorder();
                    long n = System.nanoTime(); /* System.currentTimeMillis() */
                    java.sql.Connection j;
                }
                """;
        String code = code(src);
        List<String> refs = new ArrayList<>();
        Matcher m = PROJECT_REF.matcher(code);
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertThat(refs).containsExactly("sim", "live", "record");
        assertThat(count(WALL_CLOCK, code)).isEqualTo(1);
        assertThat(count(ANY_CLOCK, code)).isEqualTo(1);
        assertThat(count(IO_LIBRARY, code)).isEqualTo(1);
        assertThat(count(WALL_CLOCK, "x = InstantSource.system(); y = Clock.systemUTC(); z = LocalDate.now(clock);")).isEqualTo(2);
    }

    static String packageOf(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    static int count(Pattern p, String code) {
        int n = 0;
        Matcher m = p.matcher(code);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The source with comments, string and character literals (text blocks too) blanked out. */
    static String code(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                while (end > 0 && src.charAt(end - 1) == '\\') {
                    end = src.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
