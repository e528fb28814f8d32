package io.hypertrader.live.store;

import io.hypertrader.data.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DbAccess#atomic}: the store calls inside it are one transaction. The journal relies on
 * it: a fill row written without its journal line (a process killed in between) was once read
 * back on restart as "seen" yet never handed to the restored strategy, which then waited on an
 * order the exchange had long filled (the kill soak caught it).
 */
class DbAccessAtomicTest {

    @TempDir
    Path dir;

    static final LiveStore.FillRow FILL = new LiveStore.FillRow("t42", 2L, "BTC", "SELL", 1_000, 90_000.0, 0.07393, 0.5, false, false);

    static LiveStore.Entry line(String kind) {
        return LiveStore.Entry.of(1_000, 1_000L, kind, 2L, null, "BTC", "SELL", 0.07393, 90_000.0, "key=t42");
    }

    @Test
    void aFileOpenedPerUnitKeepsAllOrNothing() {
        check(new LiveStore(DbAccess.file(dir.resolve("atomic.duckdb"))));
    }

    @Test
    void anOpenDatabaseKeepsAllOrNothing() {
        try (Database db = Database.inMemory()) {
            check(new LiveStore(DbAccess.of(db)));
        }
    }

    private static void check(LiveStore store) {
        assertThatThrownBy(() -> store.db().atomic(() -> {
            store.insertFill("d", FILL);
            store.append("d", line("fill"));
            throw new IllegalStateException("killed between the writes");
        })).hasMessage("killed between the writes");
        assertThat(store.fills("d")).as("the fill row went with the failed unit").isEmpty();
        assertThat(store.journal("d")).isEmpty();

        store.db().atomic(() -> {
            store.insertFill("d", FILL);
            store.append("d", line("fill"));
        });
        assertThat(store.fills("d")).containsExactly(FILL);
        assertThat(store.journal("d")).extracting(LiveStore.Entry::kind).containsExactly("fill");

        // outside atomic each call still commits on its own
        store.append("d", line("note"));
        assertThatThrownBy(() -> store.db().batch(() -> {
            store.append("d", line("note"));
            throw new IllegalStateException("a batch is not a transaction");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.journal("d")).hasSize(3);
    }
}
