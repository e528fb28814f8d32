package io.hypertrader.sim.model;

/**
 * Which refusals the simulated venue applies: Hyperliquid's own rules (minimum order value,
 * price/size grid, margin, reduce-only), a notional cap, and random refusals at a rate (drawn
 * from this model's own random source). {@code ideal}: none; {@code seed}: the rules, a $100k
 * cap and 2% random; {@code realistic}: the rules only.
 */
public final class RejectionModel {
    private final boolean exchangeRules;
    private final double maxNotionalUsd;
    private final double randomRate;
    private final java.util.SplittableRandom rng;

    public RejectionModel(boolean exchangeRules, double maxNotionalUsd, double randomRate, java.util.SplittableRandom rng) {
        this.exchangeRules = exchangeRules;
        this.maxNotionalUsd = maxNotionalUsd;
        this.randomRate = randomRate;
        this.rng = rng;
    }

    public boolean exchangeRules() {
        return exchangeRules;
    }

    public double maxNotionalUsd() {
        return maxNotionalUsd;
    }

    public double randomRate() {
        return randomRate;
    }

    /** One draw: true when this order is refused at random. No draw when the rate is 0. */
    public boolean randomRefusal() {
        return randomRate > 0 && rng.nextDouble() < randomRate;
    }
}
