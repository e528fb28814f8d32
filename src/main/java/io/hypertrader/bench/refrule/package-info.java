/**
 * The benchmark's reference rule (issue 4, "The benchmark", item 2) and its independent
 * implementations: a plain loop over primitive arrays (the practical speed limit) and ta4j
 * 0.22.2 (BarSeriesManager with custom rules, DoubleNum or DecimalNum). All implementations must
 * agree on the number of round trips and the final equity; {@link io.hypertrader.bench.refrule.ReferenceRule}
 * states the rule and the accounting once, for all of them.
 */
package io.hypertrader.bench.refrule;
