package io.hypertrader.ops.backup;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another process holding a database file, as a runner does during a unit of work: opens it,
 * prints LOCKED, and keeps it open until its standard input closes.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            c.createStatement().execute("INSERT INTO live_journal (deployment_id, seq, wall_ms, kind) VALUES ('other-process', 1, 0, 'note')");
            System.out.println("LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
        }
    }
}
