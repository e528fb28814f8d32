package io.hypertrader.analytics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StationaryBootstrapTest {

    @Test
    void type7QuantileByHand() {
        double[] x = {1, 2, 3, 4, 5};
        // h = (5-1)*0.25 = 1 -> x[1] = 2; h = 0.4 -> 1 + 0.4*(2-1) = 1.4; h = 3.9 -> 4 + 0.9*(5-4) = 4.9
        assertThat(StationaryBootstrap.quantile(x, 0.25)).isEqualTo(2.0);
        assertThat(StationaryBootstrap.quantile(x, 0.10)).isCloseTo(1.4, within(1e-15));
        assertThat(StationaryBootstrap.quantile(x, 0.975)).isCloseTo(4.9, within(1e-15));
        assertThat(StationaryBootstrap.quantile(x, 1.0)).isEqualTo(5.0);
    }

    @Test
    void defaultBlockLengthIsCubeRootOfSampleSize() {
        // 5000^(1/3) = 17.0998 -> 17; 8760^(1/3) = 20.61 -> 21; 1 -> 1
        assertThat(StationaryBootstrap.defaultBlockLength(5000)).isEqualTo(17.0);
        assertThat(StationaryBootstrap.defaultBlockLength(8760)).isEqualTo(21.0);
        assertThat(StationaryBootstrap.defaultBlockLength(1)).isEqualTo(1.0);
    }

    @Test
    void sameSeedSameIntervalsOtherSeedOtherIntervals() {
        double[] r = normalReturns(new SplittableRandom(7), 500, 0.001, 0.01);
        StationaryBootstrap.Result a = new StationaryBootstrap(300, 5, 42).run(r, 8760, 0.95);
        StationaryBootstrap.Result b = new StationaryBootstrap(300, 5, 42).run(r, 8760, 0.95);
        StationaryBootstrap.Result c = new StationaryBootstrap(300, 5, 43).run(r, 8760, 0.95);
        assertThat(a).isEqualTo(b);
        assertThat(a.sharpe().lower()).isNotEqualTo(c.sharpe().lower());
        assertThat(a.sharpe().lower()).isLessThan(a.sharpe().upper());
        assertThat(a.maxDrawdown().lower()).isLessThan(a.maxDrawdown().upper());
    }

    @Test
    void constantReturnsGiveNoDrawdownAndUndefinedSharpe() {
        double[] r = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01};
        StationaryBootstrap.Result res = new StationaryBootstrap(100, 2, 1).run(r, 365, 0.95);
        assertThat(res.maxDrawdown().lower()).isZero();
        assertThat(res.maxDrawdown().upper()).isZero();
        assertThat(res.sharpe().lower()).isNaN();
    }

    @Test
    void sharpeIntervalCoversTrueSharpeAboutAsOftenAsPromised() {
        // 150 seeded i.i.d. normal samples with true per-bar Sharpe 0.1 (annualised on 365 bars: 0.1*sqrt(365)).
        double truth = 0.1 * Math.sqrt(365);
        int covered = 0, cases = 150;
        for (int seed = 0; seed < cases; seed++) {
            double[] r = normalReturns(new SplittableRandom(seed), 300, 0.001, 0.01);
            if (new StationaryBootstrap(300, 1, seed).run(r, 365, 0.95).sharpe().contains(truth)) {
                covered++;
            }
        }
        // Nominal 95 %; with 150 cases the binomial spread is about +-1.8 % and percentile intervals under-cover a little.
        assertThat(covered / (double) cases).isBetween(0.88, 0.99);
    }

    @Test
    void blocksKeepAutocorrelationThatIidResamplingDestroys() {
        // AR(1) returns with phi = 0.6: runs of losses last, so drawdowns are deeper than i.i.d. resampling shows.
        // Long-run sd of a sum of AR(1) steps is 1/(1 - phi) = 2.5 times the innovation's, against 1/sqrt(1 - phi^2)
        // = 1.25 for i.i.d. draws from the same marginal: about twice the spread, so clearly deeper drawdowns.
        SplittableRandom rng = new SplittableRandom(11);
        double[] e = normalReturns(rng, 3000, 0, 0.002);
        double[] r = new double[e.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.0003 + (i > 0 ? 0.6 * (r[i - 1] - 0.0003) : 0) + e[i];
        }
        double iidUpper = new StationaryBootstrap(300, 1, 5).run(r, 8760, 0.95).maxDrawdown().upper();
        double blockUpper = new StationaryBootstrap(300, 30, 5).run(r, 8760, 0.95).maxDrawdown().upper();
        assertThat(blockUpper).isGreaterThan(iidUpper * 1.2);
    }

    @Test
    void refusesNonsenseParameters() {
        assertThatThrownBy(() -> new StationaryBootstrap(5, 2, 1)).hasMessageContaining("samples");
        assertThatThrownBy(() -> new StationaryBootstrap(100, 0.5, 1)).hasMessageContaining("block");
    }

    static double[] normalReturns(SplittableRandom rng, int n, double mean, double sd) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller from the seeded source.
            double u1 = 1 - rng.nextDouble(), u2 = rng.nextDouble();
            r[i] = mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return r;
    }
}
