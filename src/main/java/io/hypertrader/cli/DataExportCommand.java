package io.hypertrader.cli;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.CandleFiles;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hypertrader data export}: a series to CSV or Parquet, written to a temp file then moved into place. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export one series to CSV or Parquet.",
                "CSV is the import format (open_time_ms,open,high,low,close,volume); Parquet has every column.",
                "The file appears whole or not at all."})
final class DataExportCommand implements Callable<Integer> {
    enum Format { csv, parquet }

    @Spec
    CommandSpec spec;

    @Mixin
    SeriesOptions series;

    @Option(names = "--format", required = true, paramLabel = "csv|parquet", description = "File format: csv or parquet.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (its folder is created).")
    Path out;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        Coin c = series.coin();
        Interval iv = series.interval();
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw UserError.usage("--out " + out + " is a directory; give a file name");
        }
        try (Database db = CliArgs.openForSeriesReadOnly(root, c, iv)) {
            CandleStore store = new CandleStore(db, InstantSource.system());
            long rows = CliArgs.storedSeries(root, store, c, iv).rows();
            Path dir = target.getParent();
            Path tmp;
            try {
                Files.createDirectories(dir);
                tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            } catch (IOException e) {
                throw new UserError(UserError.Kind.USAGE, "--out " + out + ": cannot write in " + dir + ": " + e, e);
            }
            try {
                if (format == Format.csv) {
                    writeCsv(store.candles(c, iv, Long.MIN_VALUE, Long.MAX_VALUE), tmp);
                } else {
                    writeParquet(db, c, iv, tmp);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | SQLException e) {
                throw new UserError(UserError.Kind.FAILURE, "cannot export " + c + " " + iv + " to " + out + ": " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the target
                }
            }
            root.out().println("exported " + rows + " " + c + " " + iv + " candles to " + out + " (" + format + ")");
        }
        return 0;
    }

    private static void writeCsv(List<Candle> candles, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CandleFiles.writeCsv(candles, w);
        }
    }

    private static void writeParquet(Database db, Coin c, Interval iv, Path file) throws SQLException, IOException {
        Files.deleteIfExists(file); // DuckDB writes the file itself
        String sql = "COPY (SELECT * FROM candles WHERE coin = " + quote(c.name()) + " AND interval = " + quote(iv.code())
                + " ORDER BY open_time_ms) TO " + quote(file.toString()) + " (FORMAT parquet)";
        try (Statement st = db.connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
