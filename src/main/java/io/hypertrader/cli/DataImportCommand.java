package io.hypertrader.cli;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.CandleFiles;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.SeriesSources;
import io.hypertrader.data.SeriesSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader data import}: a CSV or candleSnapshot JSON file into the database, whole or not at all. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import candles from a CSV file or a Hyperliquid candleSnapshot JSON array.",
                "CSV: the header open_time_ms,open,high,low,close,volume and UTC epoch-millisecond bar opens (seconds and"
                        + " microseconds are recognised and refused with the conversion to make).",
                "The file is validated first and imported whole or not at all; re-importing updates rows in place (no duplicates)."})
final class DataImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV or JSON file.")
    Path file;

    @Mixin
    SeriesOptions series;

    @Option(names = "--source", paramLabel = "NAME", description = "Source label stored with the rows (default: the file name without extension).")
    String source;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        Coin c = series.coin();
        Interval iv = series.interval();
        String src = source != null ? source.trim() : defaultSource(file);
        InstantSource clock = InstantSource.system();
        // Parse and validate the whole file before the database is even opened.
        CandleFiles.Parsed parsed = CandleFiles.read(file, c, iv, clock.millis());
        try (Database db = Database.open(root.dbPath())) {
            CandleStore store = new CandleStore(db, clock);
            CandleStore.UpsertResult r = store.upsert(c, iv, parsed.candles(), src, SeriesSources.IMPORT, null);
            SeriesSummary s = store.summary(c, iv).orElseThrow();
            root.out().printf(Locale.ROOT, "imported %d candles (%d new) into %s %s from %s%s; series now %d rows, %s .. %s, %d gaps (%d missing bars)%n",
                    r.rows(), r.inserted(), c, iv, file,
                    parsed.droppedForming() > 0 ? " (skipped " + parsed.droppedForming() + " still-forming)" : "",
                    s.rows(), CliTimes.iso(s.firstOpenMs()), CliTimes.iso(s.lastOpenMs()), s.gaps().size(), s.missingBars());
            root.out().flush();
        }
        return 0;
    }

    static String defaultSource(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
