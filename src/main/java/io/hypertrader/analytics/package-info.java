/**
 * Performance metrics of a run: returns, drawdown, Sharpe and friends, trade and cycle
 * statistics, and the statistical-honesty figures (probabilistic and deflated Sharpe, stationary
 * bootstrap intervals, sample-size warnings).
 *
 * <p>Everything here is pure: plain arrays and records in, records out, no I/O, no clock, no
 * unseeded randomness. The conventions every figure follows (simple returns, risk-free rate 0,
 * annualisation by bars per 365-day year of a 24/7 market, sample standard deviation) are stated
 * once, in {@link io.hypertrader.analytics.Formula}, which the report prints as its appendix and
 * docs/metrics.md repeats word for word.
 */
package io.hypertrader.analytics;
