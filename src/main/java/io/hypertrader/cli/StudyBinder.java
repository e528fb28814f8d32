package io.hypertrader.cli;

import io.hypertrader.backtest.sweep.FibSetup;
import io.hypertrader.backtest.sweep.FibTrialSource;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.SimConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * How sweep, montecarlo and walkforward bind a trial's --param values: the config text with the
 * --set, --coin and --interval overrides under the trial's own values, {@code sim.*} paths to the
 * simulator. It carries text, not paths (the simulator file is read once, by the CLI), so it is
 * serialisable and binds the same way on a Spark executor as in the CLI's JVM.
 *
 * @param simText   the --sim file's text, or null for the profile alone
 * @param profile   --profile in lower case, or null (realistic, or the sim file's own)
 */
record StudyBinder(String text, String source, LinkedHashMap<String, String> selected, String profile, String simText,
                   String simSource) implements FibTrialSource.PortableBinder {
    private static final long serialVersionUID = 1L;

    StudyBinder {
        selected = new LinkedHashMap<>(selected);
    }

    @Override
    public FibSetup bind(SequencedMap<String, String> overrides) {
        Map<String, String> strat = new LinkedHashMap<>(selected), sim = new LinkedHashMap<>();
        for (var e : overrides.entrySet()) {
            String k = e.getKey();
            if (k.equals("strategy.coin") || k.equals("strategy.interval") || k.startsWith("portfolio")) {
                throw UserError.usage("--param " + k + ": changes which candles are replayed; sweep one data set at a"
                        + " time (run once per coin or interval: --coin, --interval)");
            }
            if (k.startsWith("sim.")) {
                sim.put(k.substring(4), e.getValue());
            } else {
                strat.put(k, e.getValue());
            }
        }
        StrategyConfig cfg = ConfigLoader.parse(text, source, strat);
        SimConfig s = simText != null ? ConfigLoader.parseSim(simText, simSource, profile, sim)
                : ConfigLoader.simProfile(profile == null ? "realistic" : profile, sim);
        return new FibSetup(cfg.perCoin(), s, cfg.initialEquity(), cfg.risk());
    }
}
