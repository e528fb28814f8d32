package io.hypertrader.cli;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.SeriesSummary;

/** Flag-value conversions that name the flag in their error, and opening the database for one series. */
final class CliArgs {
    private CliArgs() {
    }

    static Coin coin(String text) {
        try {
            return Coin.of(text);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--coin: " + e.getMessage());
        }
    }

    static Interval interval(String text) {
        try {
            return Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--interval: " + e.getMessage());
        }
    }

    /** The command that gets data into a database, for "no database" messages. */
    static String fixCommand(Coin coin, Interval interval) {
        if (coin == null) {
            return "hypertrader fetch --coin BTC --interval 1h (or: hypertrader data import datasets/synthetic-btc-1h.csv"
                    + " --coin BTC --interval 1h --source synthetic)";
        }
        return CandleStore.fixCommand(coin, interval);
    }

    /** Opens the existing database for a command on one series; a missing file names the command that fetches it. */
    static Database openForSeries(HyperTraderCli root, Coin coin, Interval interval) {
        return Database.openExisting(root.dbPath(), fixCommand(coin, interval));
    }

    /** The same for commands that only read the series: read-only, so a read-only file or folder serves. */
    static Database openForSeriesReadOnly(HyperTraderCli root, Coin coin, Interval interval) {
        return Database.openReadOnly(root.dbPath(), fixCommand(coin, interval));
    }

    /** The stored series' summary; DATA_MISSING naming the fetch command when none is stored. */
    static SeriesSummary storedSeries(HyperTraderCli root, CandleStore store, Coin coin, Interval interval) {
        return store.summary(coin, interval).orElseThrow(() -> UserError.dataMissing("no " + coin + " " + interval
                + " candles in " + root.dbPath() + "; get them with: " + fixCommand(coin, interval)));
    }
}
