package io.hypertrader.strategy.rules;

import java.util.Map;

/**
 * The fib-hedge's optional {@code filters:} (docs/strategy.md, "Filters"): conditions in the rule
 * language, each over ta4j indicators of closed bars only, that must hold for the strategy to
 * take a step. A missing condition never blocks.
 *
 * @param params  named numbers the conditions use ({@code trend: 200} for {@code ema(close, trend)}),
 *                which a sweep varies as {@code strategy.filters.params.trend}
 * @param entry   the first entry of a run (and every entry from FLAT that is not a re-entry)
 * @param arming  arming the hedge while FULL (the gain test still applies)
 * @param reentry the re-entry after a long stop
 */
public record BarFilters(Map<String, Double> params, String entry, String arming, String reentry) {

    public BarFilters {
        params = RuleParams.copy(params);
        RuleParams.check("entry", entry, params);
        RuleParams.check("arming", arming, params);
        RuleParams.check("reentry", reentry, params);
    }

    /** Whether any condition is given. */
    public boolean any() {
        return entry != null || arming != null || reentry != null;
    }

    /** One canonical line, part of the strategy's trading rules (and so of its state's fingerprint). */
    public String text() {
        return "params=" + RuleParams.text(params) + " entry=" + entry + " arming=" + arming + " reentry=" + reentry;
    }
}
