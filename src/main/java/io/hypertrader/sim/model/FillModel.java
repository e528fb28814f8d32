package io.hypertrader.sim.model;

/**
 * How much of an order can fill now. The venue passes the wanted size, its value, and the
 * liquidity left in the current path segment (coins, already net of earlier fills in it).
 */
public interface FillModel {

    /** Coins that fill now (0 <= result <= wanted). */
    double fillable(double wanted, double notional, double segmentLeft);

    /** Liquidity of a path segment (coins) for a segment with {@code volume} traded coins. */
    double segmentCapacity(double volume);

    String name();

    /** Use for {@code ideal}: every order fills completely. */
    final class Immediate implements FillModel {
        @Override
        public double fillable(double wanted, double notional, double segmentLeft) {
            return wanted;
        }

        @Override
        public double segmentCapacity(double volume) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public String name() {
            return "immediate";
        }
    }

    /**
     * Orders above a notional threshold fill only a random fraction with some probability ($10k,
     * 10%, 50-90% in {@code seed}); the rest follows the order's time in force. Use to reproduce
     * the original envelope; it ignores the market's volume.
     */
    final class RandomPartial implements FillModel {
        private final double aboveUsd;
        private final double probability;
        private final double min;
        private final double max;
        private final java.util.SplittableRandom rng;

        public RandomPartial(double aboveUsd, double probability, double min, double max, java.util.SplittableRandom rng) {
            this.aboveUsd = aboveUsd;
            this.probability = probability;
            this.min = min;
            this.max = max;
            this.rng = rng;
        }

        @Override
        public double fillable(double wanted, double notional, double segmentLeft) {
            if (notional <= aboveUsd || probability <= 0) {
                return wanted;
            }
            if (rng.nextDouble() >= probability) {
                return wanted;
            }
            double f = min + rng.nextDouble() * (max - min);
            return wanted * f;
        }

        @Override
        public double segmentCapacity(double volume) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public String name() {
            return "random-partial";
        }
    }

    /**
     * At most {@code maxParticipation} of each path segment's volume (a third of the bar's),
     * shared by all fills in that segment. Use for {@code realistic}: large orders in thin
     * markets fill over several segments (GTC) or are cut (IOC), as they would live.
     */
    final class VolumeCapped implements FillModel {
        private final double maxParticipation;

        public VolumeCapped(double maxParticipation) {
            this.maxParticipation = maxParticipation;
        }

        @Override
        public double fillable(double wanted, double notional, double segmentLeft) {
            return Math.max(0, Math.min(wanted, segmentLeft));
        }

        @Override
        public double segmentCapacity(double volume) {
            return maxParticipation * Math.max(volume, 0);
        }

        @Override
        public String name() {
            return "volume-capped";
        }
    }
}
