package io.hypertrader.cli;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.Gap;
import io.hypertrader.data.SeriesSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader data show}: a series' summary, gaps and last candles. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show one series: summary, gaps and the last candles.")
final class DataShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SeriesOptions series;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "10", description = "How many of the last candles to print (default ${DEFAULT-VALUE}).")
    int tail;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        Coin c = series.coin();
        Interval iv = series.interval();
        if (tail < 0) {
            throw UserError.usage("--tail must be >= 0, got " + tail);
        }
        try (Database db = CliArgs.openForSeriesReadOnly(root, c, iv)) {
            CandleStore store = new CandleStore(db, InstantSource.system());
            SeriesSummary s = CliArgs.storedSeries(root, store, c, iv);
            PrintWriter out = root.out();
            out.printf(Locale.ROOT, "%s %s: %d candles, %s .. %s, %d gaps (%d missing bars), source %s%n", c, iv, s.rows(),
                    CliTimes.iso(s.firstOpenMs()), CliTimes.iso(s.lastOpenMs()), s.gaps().size(), s.missingBars(), s.source());
            int shown = 0;
            for (Gap g : s.gaps()) {
                if (shown++ == 20) {
                    out.printf(Locale.ROOT, "  ... %d more gaps%n", s.gaps().size() - 20);
                    break;
                }
                out.println("  gap: " + g);
            }
            if (tail > 0) {
                String fmt = "%-24s %14s %14s %14s %14s %16s %8s%n";
                out.printf(Locale.ROOT, fmt, "open (UTC)", "open", "high", "low", "close", "volume", "trades");
                for (Candle k : store.tail(c, iv, tail)) {
                    out.printf(Locale.ROOT, fmt, CliTimes.iso(k.openTime()), num(k.open()), num(k.high()), num(k.low()),
                            num(k.close()), num(k.volume()), k.trades() < 0 ? "" : Long.toString(k.trades()));
                }
            }
            out.flush();
        }
        return 0;
    }

    static String num(double d) {
        return io.hypertrader.data.CandleFiles.formatNumber(d);
    }
}
