package io.hypertrader.data;

import io.hypertrader.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir
    Path dir;

    private static final Migration V1 = Migrations.all().getFirst();
    private static final Migration V2 = new Migration(2, "runs", List.of("CREATE TABLE runs (id VARCHAR PRIMARY KEY)"));
    private static final Migration V3 = new Migration(3, "sweeps", List.of("CREATE TABLE sweeps (id VARCHAR PRIMARY KEY)"));

    @Test
    void createsParentFoldersAndAppliesMarketDataSchema() throws SQLException {
        Path file = dir.resolve("a/b/c/h.duckdb");
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion()).isGreaterThanOrEqualTo(1);
            assertThat(tables(db)).contains("candles", "funding", "coin_meta", "schema_version");
            assertThat(columns(db, "candles")).containsExactly("coin", "interval", "open_time_ms", "close_time_ms",
                    "open", "high", "low", "close", "volume", "trades", "source", "fetched_at_ms");
        }
        assertThat(file).exists();
    }

    @Test
    void readOnlyOpenReadsButNeverWrites() throws Exception {
        Path file = dir.resolve("h.duckdb");
        try (Database db = Database.open(file)) {
            try (Statement st = db.connection().createStatement()) {
                st.execute("INSERT INTO coin_meta VALUES ('mainnet', 'BTC', 0, 5, 50, false, false, 0)");
            }
        }
        byte[] before = Files.readAllBytes(file);
        try (Database db = Database.openReadOnly(file, "hypertrader fetch")) {
            assertThat(count(db, "SELECT count(*) FROM coin_meta")).isEqualTo(1);
            assertThatThrownBy(() -> {
                try (Statement st = db.connection().createStatement()) {
                    st.execute("DELETE FROM coin_meta");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("read-only");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(dir.resolve("h.duckdb.wal")).doesNotExist();
        assertThatThrownBy(() -> Database.openReadOnly(dir.resolve("none.duckdb"), "hypertrader fetch --coin BTC"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.DATA_MISSING))
                .hasMessageContaining("hypertrader fetch --coin BTC");
        assertThat(dir.resolve("none.duckdb")).doesNotExist();
    }

    @Test
    void readOnlyOpenOfAReadOnlyFileInAReadOnlyFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ro"));
        Path file = folder.resolve("h.duckdb");
        Database.open(file).close();
        try (ReadOnlyPaths ro = ReadOnlyPaths.apply(file, folder)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(ro.holds(),
                    "this process can write to a chmod a-w file and chattr +i is not available (root on a filesystem without"
                            + " immutable files): the read-only case cannot be made here");
            // what the commands that write get: a clear error naming the file, not a stack trace
            assertThatThrownBy(() -> Database.open(file)).isInstanceOf(UserError.class).hasMessageContaining(file.toString());
            try (Database db = Database.openReadOnly(file, "x")) {
                assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion());
            }
        }
    }

    @Test
    void readOnlyOpenOfAnOlderFileMigratesItWhenWritableAndExplainsWhenNot() throws Exception {
        Path file = dir.resolve("h.duckdb");
        Database.open(file, List.of(V1), InstantSource.system()).close();
        try (Database db = Database.openReadOnly(file, List.of(V1, V2))) {
            assertThat(db.schemaVersion()).isEqualTo(2);
            assertThat(tables(db)).contains("runs");
        }
        try (ReadOnlyPaths ro = ReadOnlyPaths.apply(file, dir)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(ro.holds(), "no way to make a file read-only for this process");
            assertThatThrownBy(() -> Database.openReadOnly(file, List.of(V1, V2, V3)))
                    .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                    .hasMessageContaining("predates this build (1 schema migration(s) to apply) and is read-only");
        }
        // a newer file is refused read-only too
        assertThatThrownBy(() -> Database.openReadOnly(file, List.of(V1)))
                .isInstanceOf(UserError.class).hasMessageContaining("written by a newer version");
    }

    @Test
    void reopeningAppliesNothingTwice() throws SQLException {
        Path file = dir.resolve("h.duckdb");
        Database.open(file).close();
        try (Database db = Database.open(file)) {
            assertThat(count(db, "SELECT count(*) FROM schema_version")).isEqualTo(Migrations.all().size());
        }
    }

    @Test
    void olderFileGetsOnlyTheMissingMigrations() throws SQLException {
        Path file = dir.resolve("h.duckdb");
        Database.open(file, List.of(V1), InstantSource.fixed(java.time.Instant.EPOCH)).close();
        try (Database db = Database.open(file, List.of(V1, V2, V3), InstantSource.system())) {
            assertThat(db.schemaVersion()).isEqualTo(3);
            assertThat(tables(db)).contains("runs", "sweeps");
            assertThat(count(db, "SELECT count(*) FROM schema_version WHERE version = 1 AND applied_at_ms = 0")).isEqualTo(1);
        }
    }

    @Test
    void reservedNumbersLandingOutOfOrderAreStillApplied() throws SQLException {
        // Areas own fixed numbers; 3 may reach a user's file before 2 does.
        Path file = dir.resolve("h.duckdb");
        Database.open(file, List.of(V1, V3), InstantSource.system()).close();
        try (Database db = Database.open(file, List.of(V1, V2, V3), InstantSource.system())) {
            assertThat(tables(db)).contains("runs", "sweeps");
            assertThat(count(db, "SELECT count(*) FROM schema_version")).isEqualTo(3);
        }
    }

    @Test
    void failingMigrationIsRolledBackWhole() throws SQLException {
        Path file = dir.resolve("h.duckdb");
        Migration broken = new Migration(2, "broken", List.of(
                "CREATE TABLE half (x INTEGER)", "INSERT INTO no_such_table VALUES (1)"));
        assertThatThrownBy(() -> Database.open(file, List.of(V1, broken), InstantSource.system()))
                .isInstanceOf(UserError.class).hasMessageContaining("cannot migrate");
        try (Database db = Database.open(file, List.of(V1), InstantSource.system())) {
            assertThat(db.schemaVersion()).isEqualTo(1);
            assertThat(tables(db)).doesNotContain("half");
        }
    }

    @Test
    void fileNewerThanTheCodeIsRefused() {
        Path file = dir.resolve("h.duckdb");
        Database.open(file, List.of(V1, V2), InstantSource.system()).close();
        assertThatThrownBy(() -> Database.open(file, List.of(V1), InstantSource.system()))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining("schema version 2")
                .hasMessageContaining("only up to 1")
                .hasMessageContaining("newer version");
    }

    @Test
    void directoryPathIsAUsageError() {
        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining("is a directory");
    }

    @Test
    void nonDuckDbFileIsAUsageError() throws Exception {
        Path file = dir.resolve("notes.duckdb");
        Files.writeString(file, "this is not a database, just some text that is long enough ".repeat(100));
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining(file.toString());
    }

    @Test
    void parentThatIsAFileIsAUsageError() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> Database.open(blocker.resolve("h.duckdb")))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining("cannot create the folder");
    }

    @Test
    void openExistingOnMissingFileNamesTheFix() {
        assertThatThrownBy(() -> Database.openExisting(dir.resolve("none.duckdb"), "hypertrader fetch --coin BTC --interval 1h"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.DATA_MISSING))
                .hasMessageContaining("hypertrader fetch --coin BTC --interval 1h");
        assertThat(dir.resolve("none.duckdb")).doesNotExist();
    }

    @Test
    void transactionRollsBackOnFailure() throws SQLException {
        try (Database db = Database.inMemory()) {
            assertThatThrownBy(() -> db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO funding VALUES ('BTC', 1, 0.0001, NULL, 'x', 0)");
                }
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(count(db, "SELECT count(*) FROM funding")).isZero();
            assertThat(db.connection().getAutoCommit()).isTrue();
        }
    }

    @Test
    void splitterHandlesCommentsAndMultiLineStatements() {
        assertThat(Migration.split("-- c\nCREATE TABLE a (\n x INT\n);\n\nCREATE TABLE b (y INT);\n"))
                .containsExactly("CREATE TABLE a (\n x INT\n);", "CREATE TABLE b (y INT);");
    }

    static List<String> tables(Database db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static List<String> columns(Database db, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                     + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static long count(Database db, String sql) throws SQLException {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Child process entry point: holds the database file open for {@code args[1]} ms, saying when it has it. */
    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(Path.of(args[0]))) {
            System.out.println("held at schema version " + db.schemaVersion());
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
    }

    @Test
    void aFileAnotherProcessHoldsForAMomentIsWaitedFor() throws Exception {
        Path file = dir.resolve("h.duckdb");
        Database.open(file).close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DatabaseTest.class.getName(), file.toString(), "1500").start();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            assertThat(out.readLine()).isEqualTo("held at schema version " + Migrations.latestVersion());
            // the recorder and the live runners hold the file like this for each write: wait, do not fail
            try (Database db = Database.open(file)) {
                assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion());
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }
}
