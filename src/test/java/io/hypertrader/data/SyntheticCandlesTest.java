package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Interval;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticCandlesTest {
    static final Path SHIPPED = Path.of("datasets/synthetic-btc-1h.csv");

    static String csv(List<Candle> candles) throws IOException {
        StringWriter w = new StringWriter();
        CandleFiles.writeCsv(candles, w);
        return w.toString();
    }

    @Test
    void shippedDatasetIsByteIdenticalToItsSeed() throws IOException {
        String regenerated = csv(SyntheticCandles.generate(SyntheticCandles.Params.btc1h(42, 5000)));
        assertThat(regenerated).isEqualTo(Files.readString(SHIPPED, StandardCharsets.UTF_8));
    }

    @Test
    void everyBarIsValidAndOnTheGrid() {
        List<Candle> c = SyntheticCandles.generate(SyntheticCandles.Params.btc1h(42, 5000));
        assertThat(CandleValidation.firstProblem(Interval.H1, c)).isNull();
        assertThat(c.getFirst().openTime()).isEqualTo(1_704_067_200_000L);
        for (int i = 1; i < c.size(); i++) {
            assertThat(c.get(i).open()).isEqualTo(c.get(i - 1).close());
        }
    }

    @Test
    void hasTheStylisedFactsOfCryptoReturns() {
        for (long seed : new long[]{1, 42, 777}) {
            List<Candle> c = SyntheticCandles.generate(SyntheticCandles.Params.btc1h(seed, 5000));
            int n = c.size();
            double[] r = new double[n];
            double[] a = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = Math.log(c.get(i).close() / c.get(i).open());
                a[i] = Math.abs(r[i]);
                v[i] = c.get(i).volume();
            }
            double annualVol = Math.sqrt(variance(r) * 8760);
            assertThat(annualVol).as("seed %d annual vol", seed).isBetween(0.35, 0.90);
            assertThat(kurtosis(r)).as("seed %d kurtosis (fat tails)", seed).isGreaterThan(4.5);
            assertThat(autocorr(a, 1)).as("seed %d |r| lag-1 autocorrelation (clustering)", seed).isGreaterThan(0.05);
            assertThat(Math.abs(autocorr(r, 1))).as("seed %d r lag-1 autocorrelation (no free lunch)", seed).isLessThan(0.06);
            assertThat(corr(v, a)).as("seed %d corr(volume, |r|)", seed).isGreaterThan(0.4);
        }
    }

    @Test
    void differentSeedsDiffer() {
        assertThat(SyntheticCandles.generate(SyntheticCandles.Params.btc1h(1, 50)))
                .isNotEqualTo(SyntheticCandles.generate(SyntheticCandles.Params.btc1h(2, 50)));
    }

    static double mean(double[] x) {
        double s = 0;
        for (double d : x) {
            s += d;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double d : x) {
            s += (d - m) * (d - m);
        }
        return s / x.length;
    }

    static double kurtosis(double[] x) {
        double m = mean(x);
        double v = variance(x);
        double s = 0;
        for (double d : x) {
            s += Math.pow(d - m, 4);
        }
        return s / x.length / (v * v);
    }

    static double autocorr(double[] x, int lag) {
        double m = mean(x);
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            den += (x[i] - m) * (x[i] - m);
            if (i >= lag) {
                num += (x[i] - m) * (x[i - lag] - m);
            }
        }
        return num / den;
    }

    static double corr(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
