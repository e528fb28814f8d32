package io.hypertrader.cli;

import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.UserError;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What backtest, sweep, montecarlo and walkforward share to say which data a config runs on and
 * how it differs from its file: {@code --coin}, {@code --interval}, {@code --from}, {@code --to}
 * and {@code --set KEY=VALUE} (a picocli mixin, so the four commands take the same flags).
 */
final class SelectionOptions {
    @Option(names = "--coin", paramLabel = "COIN", description = "Override strategy.coin (single-coin configs).")
    String coin;

    @Option(names = "--interval", paramLabel = "INTERVAL", description = "Override strategy.interval, e.g. 1h.")
    String interval;

    @Option(names = "--from", paramLabel = "T", description = "First bar open time, inclusive (epoch ms or ISO-8601, UTC).")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "End of the data, exclusive (epoch ms or ISO-8601, UTC).")
    String to;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any config field by its dotted path, e.g. --set strategy.levels.hedge=0.25 (repeatable).")
    List<String> sets;

    /** The config overrides in the order given: every --set, then --coin and --interval (which win). */
    Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        if (sets != null) {
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw UserError.usage("--set '" + s + "': expected KEY=VALUE, e.g. strategy.levels.hedge=0.25");
                }
                out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
            }
        }
        if (coin != null) {
            out.put("strategy.coin", CliArgs.coin(coin).name());
        }
        if (interval != null) {
            out.put("strategy.interval", CliArgs.interval(interval).code());
        }
        return out;
    }

    /** --coin names one coin: a portfolio config sets its coins with portfolio.weights. */
    void checkCoinFits(StrategyConfig cfg, Path cfgPath) {
        if (coin != null && cfg.isPortfolio()) {
            throw UserError.usage("--coin: " + cfgPath + " is a portfolio config (portfolio.weights); edit the weights instead");
        }
    }

    /** --from in epoch ms, or Long.MIN_VALUE. */
    long fromMs() {
        return from == null ? Long.MIN_VALUE : CliTimes.parse("--from", from);
    }

    /** --to in epoch ms, or Long.MAX_VALUE; a usage error when it is not after --from. */
    long toMs() {
        long to = this.to == null ? Long.MAX_VALUE : CliTimes.parse("--to", this.to);
        if (fromMs() >= to) {
            throw UserError.usage("--from must be before --to");
        }
        return to;
    }

    /** The --set, --coin and --interval flags as given (for a study's manifest), or "(none)". */
    String describe() {
        List<String> parts = new java.util.ArrayList<>();
        overrides().forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "(none)" : String.join("\n", parts);
    }
}
