package io.hypertrader.sim.model;

/**
 * Adverse price impact of a taker fill, as a non-negative fraction of the arrival price (the fill
 * price is arrival * (1 + s) for a buy, * (1 - s) for a sell). Never favourable.
 */
public interface SlippageModel {

    /** Slippage fraction (>= 0) for a taker fill worth {@code notional} USDC. */
    double slippage(double notional, MarketState market);

    String name();

    /**
     * Whether this model reads the {@link MarketState}; when no model does, the venue skips the
     * trailing-window statistics entirely (they cost a logarithm per bar).
     */
    default boolean usesMarketState() {
        return true;
    }

    /** Use for {@code ideal}: fills at the arrival price. */
    final class None implements SlippageModel {
        @Override
        public boolean usesMarketState() {
            return false;
        }

        @Override
        public double slippage(double notional, MarketState market) {
            return 0;
        }

        @Override
        public String name() {
            return "none";
        }
    }

    /**
     * Continuous uniform slippage in [minBp, minBp + (maxBp - minBp) * min(notional / fullSize, 1)]
     * basis points: 1-10 bp in {@code seed}, growing with size up to $100k. Use to reproduce the
     * original paper engine's envelope; it ignores volatility and liquidity.
     */
    final class Uniform implements SlippageModel {
        @Override
        public boolean usesMarketState() {
            return false;
        }

        private final double minBp;
        private final double maxBp;
        private final double fullSize;
        private final java.util.SplittableRandom rng;

        public Uniform(double minBp, double maxBp, double fullSize, java.util.SplittableRandom rng) {
            this.minBp = minBp;
            this.maxBp = maxBp;
            this.fullSize = fullSize;
            this.rng = rng;
        }

        /** Upper bound in bp for an order of this notional. */
        public double upperBp(double notional) {
            return minBp + (maxBp - minBp) * Math.min(Math.max(notional, 0) / fullSize, 1.0);
        }

        @Override
        public double slippage(double notional, MarketState market) {
            double hi = upperBp(notional);
            double bp = hi > minBp ? minBp + rng.nextDouble() * (hi - minBp) : minBp;
            return bp / 10_000.0;
        }

        @Override
        public String name() {
            return "uniform";
        }
    }

    /**
     * Half the spread plus square-root market impact: halfSpread + k * sigma_day *
     * sqrt(notional / ADV), the standard square-root law (Almgren et al., Tóth et al.). Use for
     * {@code realistic}: cost grows with size relative to liquidity and with volatility. No
     * randomness. With no volume in the window (ADV 0) the impact is infinite and the order
     * does not fill. Paper trading replaces the constant half spread with the live book's
     * ({@link MarketState#liveHalfSpread}).
     */
    final class SqrtImpact implements SlippageModel {
        private final double halfSpread;
        private final double k;

        public SqrtImpact(double halfSpreadBp, double k) {
            this.halfSpread = halfSpreadBp / 10_000.0;
            this.k = k;
        }

        @Override
        public double slippage(double notional, MarketState m) {
            if (!(m.advUsd > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            // the live book's half spread where a live feed provides it (paper), else the profile's
            double hs = Double.isNaN(m.liveHalfSpread) ? halfSpread : m.liveHalfSpread;
            return hs + k * m.sigmaDay * Math.sqrt(Math.max(notional, 0) / m.advUsd);
        }

        @Override
        public String name() {
            return "sqrt-impact";
        }
    }
}
