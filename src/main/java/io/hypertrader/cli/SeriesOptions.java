package io.hypertrader.cli;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import picocli.CommandLine.Option;

/** The {@code --coin} and {@code --interval} pair that names one stored series (a picocli mixin). */
final class SeriesOptions {
    @Option(names = "--coin", required = true, paramLabel = "COIN", description = "Coin, e.g. BTC (case-sensitive: kPEPE).")
    String coin;

    @Option(names = "--interval", required = true, paramLabel = "INTERVAL", description = "Bar interval, e.g. 1h.")
    String interval;

    /** The coin, or a usage error naming --coin. */
    Coin coin() {
        return CliArgs.coin(coin);
    }

    /** The interval, or a usage error naming --interval. */
    Interval interval() {
        return CliArgs.interval(interval);
    }
}
