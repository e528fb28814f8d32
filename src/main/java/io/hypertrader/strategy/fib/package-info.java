/**
 * The Fibonacci hedge strategy ({@code fib-hedge}) of docs/strategy.md: retracement levels of the open
 * gain, the FLAT/FULL/HEDGED/SCALED/DEEP/RECOVERING state machine, arming, stops, reversal,
 * sizing and the per-cycle journal.
 */
package io.hypertrader.strategy.fib;
