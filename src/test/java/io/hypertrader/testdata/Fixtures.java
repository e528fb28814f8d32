package io.hypertrader.testdata;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The small real-data fixtures of {@code src/test/resources/datasets} (about 190 KB; sources and
 * slices in the README there) and the strategy tests' first 3000 hourly rows: always present, so the tests that read them run on a fresh clone.
 * Each is an exact slice of a file of {@code ../shared/datasets}, byte for byte
 * ({@code FixturesMatchSharedTest} checks it whenever the shared folder is there). Files larger
 * than 20 KB are stored gzipped and read through transparently.
 */
public final class Fixtures {
    /** The slices' source in ../shared/datasets. */
    public static final String BTC_1H = "coinbase-btcusd-1h-2017-2019.csv";
    /** Rows of the first slice: 2017-11-13 00:00 to 2018-03-17 23:00 UTC. */
    public static final int BTC_1H_FIRST_ROWS = 3000;
    /** Rows of the last slice: 2019-03-23 02:00 to 2019-10-17 09:00 UTC (the benchmark's and the golden runs' candles). */
    public static final int BTC_1H_LAST_ROWS = 5000;

    /** The first slice is the strategy tests' fixture (src/test/resources/strategy, its README), shared rather than copied. */
    static final String FIRST_RESOURCE = "/strategy/coinbase-btcusd-1h-2017-11-2018-03.csv";
    static final String LAST_RESOURCE = "coinbase-btcusd-1h-2017-2019.last5000.csv";

    private static final ConcurrentHashMap<String, CandleSeries> SERIES = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** The first {@code bars} (at most 3000) hourly Coinbase BTC-USD candles, from 2017-11-13 00:00 UTC. */
    public static CandleSeries btcHourlyFirst(int bars) {
        CandleSeries all = SERIES.computeIfAbsent(FIRST_RESOURCE, r -> CandleCsv.series(text(r), "BTC", Interval.H1));
        return all.slice(0, within(bars, BTC_1H_FIRST_ROWS, "first"));
    }

    /**
     * The last {@code bars} (at most 5000) hourly Coinbase BTC-USD candles, ending 2019-10-17 09:00 UTC:
     * exactly what {@code SharedDatasets}' file gives for its last {@code bars} rows.
     */
    public static CandleSeries btcHourlyLast(int bars) {
        CandleSeries all = SERIES.computeIfAbsent(LAST_RESOURCE, r -> CandleCsv.series(text(r), "BTC", Interval.H1));
        return all.slice(all.size() - within(bars, BTC_1H_LAST_ROWS, "last"), all.size());
    }

    /** The last-5000 slice as a CSV file in the import format, named like its source (for the CLI's importer). */
    public static Path writeBtcHourlyLastCsv(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(BTC_1H), text(LAST_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded sample too large to copy into the project: its test reads it from ../shared. */
    public static final String SHARED_ONLY_SAMPLE = "info-openOrders-2023-03-27.json";

    /** A recorded Hyperliquid response of {@code hyperliquid-samples/} (SOURCES.md section 2), verbatim. */
    public static byte[] hyperliquidSample(String name) {
        return bytes("hyperliquid-samples/" + name);
    }

    /** The same as text. */
    public static String hyperliquidSampleText(String name) {
        return new String(hyperliquidSample(name), StandardCharsets.UTF_8);
    }

    /** A recorded response written to {@code dir} under its own name (for readers that take a file). */
    public static Path writeHyperliquidSample(String name, Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), hyperliquidSample(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** A fixture's bytes: {@code datasets/NAME} (or an absolute resource), or the same with .gz, decompressed. */
    static byte[] bytes(String resource) {
        String base = resource.startsWith("/") ? resource : "/datasets/" + resource;
        try (InputStream plain = Fixtures.class.getResourceAsStream(base)) {
            if (plain != null) {
                return plain.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream gz = Fixtures.class.getResourceAsStream(base + ".gz")) {
            if (gz == null) {
                throw new IllegalArgumentException("no test fixture " + base + "(.gz) on the test classpath (src/test/resources)");
            }
            try (InputStream in = new GZIPInputStream(gz)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int within(int bars, int max, String which) {
        if (bars < 1 || bars > max) {
            throw new IllegalArgumentException("the " + which + "-rows fixture holds " + max + " bars; asked for " + bars
                    + " (a test that needs more reads ../shared through SharedDatasets)");
        }
        return bars;
    }
}
