package io.hypertrader.sim.model;

/** Trading fee of a fill, USDC (positive = paid). */
public interface FeeModel {

    double fee(double notional, boolean maker);

    String name();

    /**
     * Basis points of notional, maker and taker apart. {@code ideal}: 0/0; {@code seed}: 2.5/2.5;
     * {@code realistic}: Hyperliquid's base tier 1.5/4.5. Use a higher tier's rates to model a
     * volume discount.
     */
    final class MakerTaker implements FeeModel {
        private final double maker;
        private final double taker;

        public MakerTaker(double makerBp, double takerBp) {
            this.maker = makerBp / 10_000.0;
            this.taker = takerBp / 10_000.0;
        }

        @Override
        public double fee(double notional, boolean isMaker) {
            return Math.abs(notional) * (isMaker ? maker : taker);
        }

        @Override
        public String name() {
            return maker == 0 && taker == 0 ? "none" : "maker-taker";
        }
    }
}
