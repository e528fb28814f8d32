package io.hypertrader.cli;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;

/** Flag-value conversions that name the flag in their error. */
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
        return io.hypertrader.data.CandleStore.fixCommand(coin, interval);
    }
}
