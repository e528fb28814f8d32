package io.hypertrader.cli;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.InstantSource;
import java.util.concurrent.Callable;

/** {@code hypertrader data delete}: removes one stored candle series. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete one stored candle series (coin, interval).")
final class DataDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SeriesOptions series;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        Coin c = series.coin();
        Interval iv = series.interval();
        try (Database db = CliArgs.openForSeries(root, c, iv)) {
            int n = new CandleStore(db, InstantSource.system()).delete(c, iv);
            root.out().println("deleted " + n + " " + c + " " + iv + " candles");
        }
        return 0;
    }
}
