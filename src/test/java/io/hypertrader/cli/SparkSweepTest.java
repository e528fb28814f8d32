package io.hypertrader.cli;

import io.hypertrader.store.SweepStore;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sweep --engine spark on a real Spark local[2] in this JVM (Spark is a provided dependency: the
 * tests have it, the launcher does not): the same 50 backtests as the local pool, the same rows in
 * sweep_results, Parquet that DuckDB reads; and a Spark sweep killed midway (a child JVM, kill -9)
 * completes on a rerun of the same command without running or storing a trial twice.
 */
class SparkSweepTest {
    @TempDir
    static Path dir;
    static Map<String, String> env;
    static final String TO = "2024-03-03";
    /** 5 hedge ratios x 2 leverages x 5 seeds = 50 backtests. */
    static final List<String> SWEEP = List.of("sweep", "--to", TO, "--param", "strategy.levels.hedge=0.20:0.28:0.02",
            "--param", "strategy.sizing.leverage=2,3", "--seeds", "5", "--threads", "2");

    @BeforeAll
    static void importShippedDataset() {
        env = CliHarness.shippedDatasetEnv(dir);
    }

    static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theSame50TrialSweepOnTheLocalPoolAndOnSparkGivesTheSameRows() throws Exception {
        Path reports = dir.resolve("reports-eq");
        CliHarness.Result local = CliHarness.run(env, args(SWEEP, "--reports", reports.toString(), "--quiet"));
        assertThat(local.exitCode()).as(local.err()).isZero();
        Path results = dir.resolve("spark-eq");
        CliHarness.Result spark = CliHarness.run(env, args(SWEEP, "--reports", reports.toString(), "--engine", "spark",
                "--spark-results", results.toString()));
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        String a = SweepCommandTest.id(local, "sweep"), b = SweepCommandTest.id(spark, "sweep");
        assertThat(spark.err()).contains("sweep " + b + " on spark local[2], 2 task slot(s)");
        assertThat(spark.out()).contains("50 (10 configurations x 5 seed(s))");
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            SweepStore store = new SweepStore(db);
            List<SweepStore.ResultRow> ra = store.results(a), rb = store.results(b);
            assertThat(ra).hasSize(50);
            assertThat(rb).isEqualTo(ra); // every figure, bit for bit (records compare doubles by their bits)
            assertThat(store.sweep(b).orElseThrow().manifest().get("engine")).startsWith("spark local[2]");
            // the Parquet Spark wrote reads in DuckDB, every row, with the figures DuckDB stored
            String parquet = results.resolve("sweep_id=" + b).toString().replace("'", "''") + "/*.parquet";
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT p.trial), count(r.trial) FROM read_parquet('"
                         + parquet + "') p LEFT JOIN sweep_results r ON r.sweep_id = '" + a + "' AND r.trial = p.trial"
                         + " AND r.final_equity = p.final_equity AND r.event_log_sha256 = p.event_log_sha256")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(50);
                assertThat(rs.getInt(2)).isEqualTo(50);
                assertThat(rs.getInt(3)).as("Parquet rows matching the local sweep's trial").isEqualTo(50);
            }
        }
    }

    @Test
    void aSparkSweepKilledMidwayCompletesOnARerunWithoutDuplicates() throws Exception {
        Path reports = dir.resolve("reports-kill");
        Path results = dir.resolve("spark-kill");
        String[] sweep = args(SWEEP, "--reports", reports.toString(), "--engine", "spark", "--spark-results",
                results.toString());
        // one trial per Spark job: 50 commits, so the kill lands between two of them
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Duser.timezone=UTC", "-Dspark.hypertrader.batchTrials=1",
                "-cp", System.getProperty("java.class.path"), HyperTraderCli.class.getName()));
        cmd.addAll(List.of(sweep));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("killed.out").toFile())
                .redirectError(dir.resolve("killed.err").toFile());
        pb.environment().putAll(env);
        Process child = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (committedFiles(results) < 3 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                child.waitFor(20, TimeUnit.MILLISECONDS);
            }
            assertThat(child.isAlive()).as("the child sweep must still be running when killed: "
                    + Files.readString(dir.resolve("killed.err"))).isTrue();
        } finally {
            child.destroyForcibly().waitFor();
        }
        Path folder;
        try (Stream<Path> s = Files.list(results)) {
            folder = s.filter(p -> p.getFileName().toString().startsWith("sweep_id=")).findFirst().orElseThrow();
        }
        String id = folder.getFileName().toString().substring("sweep_id=".length());
        int before = parquetRows(folder);
        assertThat(before).isBetween(1, 49);

        CliHarness.Result rerun = CliHarness.run(env, sweep);
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(SweepCommandTest.id(rerun, "sweep")).isEqualTo(id);
        assertThat(rerun.err()).contains("(resumed: the same study was left unfinished)")
                .containsPattern("spark: (\\d+) of 50 trials already in .*; running the other (\\d+)");
        assertThat(parquetRows(folder)).isEqualTo(50);
        try (Database db = Database.open(dir.resolve("t.duckdb"))) {
            List<SweepStore.ResultRow> rows = new SweepStore(db).results(id);
            assertThat(rows).hasSize(50);
            assertThat(rows.stream().map(SweepStore.ResultRow::trial).distinct().count()).isEqualTo(50);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(DISTINCT trial) FROM read_parquet('"
                         + folder.toString().replace("'", "''") + "/*.parquet')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(50);
            }
        }
        // finished and stored: the same command again is a new study, not a resume
        CliHarness.Result again = CliHarness.run(env, sweep);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(SweepCommandTest.id(again, "sweep")).isNotEqualTo(id);
    }

    @Test
    void monteCarloAndWalkForwardRunOnSparkWithTheLocalPoolsFigures() {
        Path reports = dir.resolve("reports-mc");
        List<String> mc = List.of("montecarlo", "--to", TO, "--seeds", "3", "--threads", "2", "--reports", reports.toString(),
                "--param", "strategy.levels.hedge=0.25");
        CliHarness.Result local = CliHarness.run(env, args(mc));
        CliHarness.Result spark = CliHarness.run(env, args(mc, "--engine", "spark", "--spark-results",
                dir.resolve("spark-mc").toString()));
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        assertThat(tail(spark.out())).isEqualTo(tail(local.out()));

        List<String> wf = List.of("walkforward", "--to", TO, "--train", "20d", "--test", "10d", "--param",
                "strategy.levels.hedge=0.20,0.30", "--threads", "2", "--reports", reports.toString());
        CliHarness.Result wl = CliHarness.run(env, args(wf));
        CliHarness.Result ws = CliHarness.run(env, args(wf, "--engine", "spark", "--spark-results",
                dir.resolve("spark-wf").toString()));
        assertThat(ws.exitCode()).as(ws.err()).isZero();
        assertThat(tail(ws.out())).isEqualTo(tail(wl.out()));
    }

    @Test
    void withoutSparkOnTheClasspathEngineSparkSaysHowToRunItInOneLine() throws Exception {
        // the launcher's classpath: ours without Spark, Scala and their libraries (provided scope)
        String cp = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("/org/apache/spark/") && !e.contains("/org/scala-lang/")).reduce((x, y) -> x
                        + java.io.File.pathSeparator + y).orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", cp, HyperTraderCli.class.getName(), "sweep", "--to", TO,
                "--engine", "spark", "--reports", dir.resolve("reports-nospark").toString())
                .redirectOutput(dir.resolve("nospark.out").toFile()).redirectError(dir.resolve("nospark.err").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> err = Files.readAllLines(dir.resolve("nospark.err"));
        assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(2);
        assertThat(err).hasSize(1);
        assertThat(err.getFirst()).contains("--engine spark needs Apache Spark on the classpath", "spark-submit",
                "target/hypertrader-spark.jar sweep --engine spark");
    }

    /** The figures of a study's console output: every line after the id and timing lines, report path dropped. */
    static List<String> tail(String out) {
        return out.lines().skip(2).filter(l -> !l.startsWith("report")).toList();
    }

    static long committedFiles(Path results) throws Exception {
        if (!Files.isDirectory(results)) {
            return 0;
        }
        // Spark creates and deletes its _temporary folders while the child runs: skip them, and let a
        // file that vanishes between listing and visiting simply not count (the walk goes on)
        long[] count = {0};
        Files.walkFileTree(results, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                return d.getFileName().toString().equals("_temporary") ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                        : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                if (f.getFileName().toString().endsWith(".parquet")) {
                    count[0]++;
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, java.io.IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE; // gone while we looked: not committed
            }
        });
        return count[0];
    }

    static int parquetRows(Path folder) throws Exception {
        try (Database db = Database.open(dir.resolve("probe.duckdb"));
             Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + folder.toString().replace("'", "''")
                     + "/*.parquet')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
