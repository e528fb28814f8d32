package io.hypertrader.sim.model;

/**
 * Time from an order's decision to its arrival at the venue, and what the price did meanwhile.
 * The path price at arrival (linear between path points) is always the starting point; a model
 * may add noise for the price moves a four-point path cannot show.
 */
public interface LatencyModel {

    /** Delay of the next order, ms (draws from the model's own random source). */
    long delayMs();

    /** Arrival price given the path price at arrival and the delay. */
    double arrivalPrice(double pathPrice, long delayMs, MarketState market);

    String name();

    /**
     * Whether this model reads the {@link MarketState}; when no model does, the venue skips the
     * trailing-window statistics entirely (they cost a logarithm per bar).
     */
    default boolean usesMarketState() {
        return true;
    }

    /** Use for {@code ideal}: orders arrive when decided, at the decision price. */
    final class None implements LatencyModel {
        @Override
        public boolean usesMarketState() {
            return false;
        }

        @Override
        public long delayMs() {
            return 0;
        }

        @Override
        public double arrivalPrice(double pathPrice, long delayMs, MarketState market) {
            return pathPrice;
        }

        @Override
        public String name() {
            return "none";
        }
    }

    /**
     * Uniform delay in [min, max] ms; the fill happens at the path price at arrival. Use for the
     * {@code seed} profile (the original 50-200 ms envelope, with the delay now moving the price).
     */
    final class Uniform implements LatencyModel {
        @Override
        public boolean usesMarketState() {
            return false;
        }

        private final long min;
        private final long max;
        private final java.util.SplittableRandom rng;

        public Uniform(long min, long max, java.util.SplittableRandom rng) {
            this.min = min;
            this.max = max;
            this.rng = rng;
        }

        @Override
        public long delayMs() {
            return max == min ? min : min + rng.nextLong(max - min + 1);
        }

        @Override
        public double arrivalPrice(double pathPrice, long delayMs, MarketState market) {
            return pathPrice;
        }

        @Override
        public String name() {
            return "uniform";
        }
    }

    /**
     * Uniform delay plus diffusion: arrival price = path price * (1 + sigma_bar *
     * sqrt(delay / bar length) * N(0,1)), sigma_bar the bar's Parkinson volatility. Use for
     * {@code realistic}: a four-point path is smoother than the market, and this noise puts back
     * the price risk of the delay (it can help or hurt; slippage comes on top, always adverse).
     */
    final class Drift implements LatencyModel {
        /** The delay is the uniform model's, drawn from the same generator as the price noise. */
        private final Uniform delay;
        private final java.util.SplittableRandom rng;

        public Drift(long min, long max, java.util.SplittableRandom rng) {
            this.delay = new Uniform(min, max, rng);
            this.rng = rng;
        }

        @Override
        public long delayMs() {
            return delay.delayMs();
        }

        @Override
        public double arrivalPrice(double pathPrice, long delayMs, MarketState m) {
            if (delayMs <= 0 || m.barMs <= 0 || !(m.sigmaBar > 0)) {
                return pathPrice;
            }
            double z = rng.nextGaussian();
            double move = m.sigmaBar * Math.sqrt((double) delayMs / m.barMs) * z;
            return pathPrice * Math.max(0.5, 1 + move);
        }

        @Override
        public String name() {
            return "drift";
        }
    }
}
