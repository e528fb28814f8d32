package io.hypertrader.ops.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hypertrader.core.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code manifest.json} of a backup: what it holds and how to check it. Written last, inside the
 * temporary folder, before the folder is renamed into place: a folder with a manifest is complete.
 *
 * @param format             manifest format, {@value #FORMAT}
 * @param createdAt          ISO-8601 UTC time of the snapshot
 * @param source             the database file it was taken from
 * @param schemaVersion      highest migration applied in the snapshot (0 if it had no schema_version)
 * @param appliedVersions    every migration applied in the snapshot
 * @param hypertraderVersion the build that wrote it
 * @param duckdbVersion      the DuckDB that exported it
 * @param tables             every table, with its Parquet file (relative to the backup folder)
 */
public record Manifest(int format, String createdAt, long createdMs, String source, int schemaVersion, List<Integer> appliedVersions,
                       String hypertraderVersion, String duckdbVersion, List<Table> tables) {

    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        appliedVersions = List.copyOf(appliedVersions);
        tables = List.copyOf(tables);
    }

    /** One table: its row count and {@link TableDigest} hash at the snapshot. */
    public record Table(String name, String file, long rows, String sha256) {
    }

    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    /** @throws UserError USAGE when {@code dir} has no readable manifest of a known format */
    public static Manifest read(Path dir) {
        Path f = dir.resolve(FILE);
        Manifest m;
        try {
            m = JSON.readValue(Files.readString(f), Manifest.class);
        } catch (NoSuchFileException e) {
            throw UserError.usage(dir + " is not a HyperTrader backup: it has no " + FILE
                    + (Files.isDirectory(dir) ? " (an interrupted backup never gets one)" : ""));
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, "cannot read " + f + ": " + e.getMessage(), e);
        }
        if (m.format() != FORMAT) {
            throw UserError.usage(f + " has manifest format " + m.format() + "; this build reads format " + FORMAT);
        }
        if (m.tables() == null || m.tables().isEmpty()) {
            throw UserError.usage(f + " lists no tables");
        }
        return m;
    }
}
