package io.hypertrader.data;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A commit that fails (here: a key another connection committed first; in the field: a full disk)
 * reports its own cause, and the connection's next transactions are still transactions.
 */
class FailedCommitTest {

    @Test
    void aFailedCommitNamesItsCauseAndLeavesLaterTransactionsAtomic() throws Exception {
        try (Database db = Database.inMemory(); Database other = db.duplicate()) {
            sql(db, "CREATE TABLE t (k INTEGER PRIMARY KEY)");

            assertThatThrownBy(() -> db.inTransaction(c -> {
                insert(c.createStatement(), 1);
                other.inTransaction(o -> insert(o.createStatement(), 1)); // commits key 1 first
                return null;
            })).isInstanceOf(SQLException.class)
                    .hasMessageContaining("duplicate key")
                    .hasMessageNotContaining("no transaction is active");

            assertThatThrownBy(() -> db.inTransaction(c -> {
                insert(c.createStatement(), 2);
                throw new IllegalStateException("the work fails after its first write");
            })).hasMessage("the work fails after its first write");
            assertThat(keys(db)).as("the failed work's write was rolled back").containsExactly(1);

            db.inTransaction(c -> { // a batch, as the stores write: the driver begins its own transaction unless one runs
                try (var ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                    for (int k : new int[]{3, 4}) {
                        ps.setInt(1, k);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
            assertThat(keys(db)).containsExactly(1, 3, 4);
            assertThat(keys(other)).as("committed for other connections too").containsExactly(1, 3, 4);
        }
    }

    @Test
    void aNestedCallJoinsTheOuterTransactionAndFailsWithIt() throws Exception {
        try (Database db = Database.inMemory()) {
            sql(db, "CREATE TABLE t (k INTEGER PRIMARY KEY)");
            assertThatThrownBy(() -> db.inTransaction(c -> {
                db.inTransaction(inner -> insert(inner.createStatement(), 1));
                throw new IllegalStateException("outer fails after the inner call returned");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(keys(db)).as("the inner write went with the outer rollback").isEmpty();
        }
    }

    private static Object insert(Statement st, int k) throws SQLException {
        try (st) {
            st.execute("INSERT INTO t VALUES (" + k + ")");
        }
        return null;
    }

    private static void sql(Database db, String sql) throws SQLException {
        try (Statement st = db.connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static List<Integer> keys(Database db) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT k FROM t ORDER BY k")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
