package io.hypertrader.sim.model;

/**
 * What the simulator knows about a coin's market when it fills an order: the current bar's
 * Parkinson volatility, the daily volatility and average daily volume over the trailing window,
 * and the bar length. Mutable and reused (no allocation per fill); filled in by the venue.
 */
public final class MarketState {
    /** Parkinson volatility of the current bar, as a fraction of price: ln(H/L) / sqrt(4 ln 2). */
    public double sigmaBar;
    /** Daily volatility over the trailing window, fraction of price. */
    public double sigmaDay;
    /** Average daily traded value over the trailing window, USDC per day. */
    public double advUsd;
    /** Bar length, ms. */
    public long barMs;
    /**
     * Half the quoted spread, fraction of the mid, as a live feed reports it (paper trading: the
     * best bid and offer); NaN in a replay, where the profile's constant stands for it.
     */
    public double liveHalfSpread = Double.NaN;
}
