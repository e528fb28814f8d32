package io.hypertrader.strategy.rules;

import io.hypertrader.core.FieldCheck;
import io.hypertrader.core.InvalidFieldException;

import java.util.Map;

/**
 * The {@code rules:} of a {@code ta4j-rules} strategy (docs/strategy.md, "ta4j-rules"): when to
 * enter and leave a long and a short, each a condition of the rule language evaluated at every bar
 * close, plus price stops the strategy watches between closes. At least one entry is required; a
 * side without an exit leaves only by its stops or by the other side's entry.
 *
 * @param params     named numbers the conditions use (sweepable as {@code strategy.rules.params.NAME})
 * @param stopLoss   close the position when price moves this fraction against the entry (null: none)
 * @param takeProfit close it when price moves this fraction in its favour (null: none)
 */
public record RuleSet(Map<String, Double> params, String longEntry, String longExit, String shortEntry,
                      String shortExit, Double stopLoss, Double takeProfit) {

    public RuleSet {
        params = RuleParams.copy(params);
        if (longEntry == null && shortEntry == null) {
            throw new InvalidFieldException("longEntry", "null", "a ta4j-rules strategy needs longEntry, shortEntry or both");
        }
        RuleParams.check("longEntry", longEntry, params);
        RuleParams.check("longExit", longExit, params);
        RuleParams.check("shortEntry", shortEntry, params);
        RuleParams.check("shortExit", shortExit, params);
        if (stopLoss != null) {
            FieldCheck.in("stopLoss", stopLoss, "(0, 1)");
        }
        if (takeProfit != null) {
            FieldCheck.in("takeProfit", takeProfit, "(0, 10]");
        }
    }

    /** One canonical line, part of the strategy's trading rules. */
    public String text() {
        return "params=" + RuleParams.text(params) + " longEntry=" + longEntry + " longExit=" + longExit
                + " shortEntry=" + shortEntry + " shortExit=" + shortExit + " stopLoss=" + stopLoss
                + " takeProfit=" + takeProfit;
    }
}
