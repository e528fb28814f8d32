/**
 * Value types used by every other package: coins, intervals, candles and candle series, the
 * network, and {@link io.hypertrader.core.UserError}. No I/O and no dependencies beyond the JDK.
 */
package io.hypertrader.core;
