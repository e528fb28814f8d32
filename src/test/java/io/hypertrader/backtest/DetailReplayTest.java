package io.hypertrader.backtest;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.testdata.CandleCsv;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Detail replay ({@code --detail}, issue 12) on real data: the FTX BTC-PERP 1m candles of January
 * 2022 (../shared) inside the 1h bars made of them. With detail the four intrabar path modes must
 * agree more closely (the path interval shrinks): the 1m candles say in which order most of an
 * hour's high and low came.
 */
class DetailReplayTest {
    private static final Coin BTC = new Coin("BTC");
    private static CandleSeries m1;
    private static CandleSeries h1;
    private static StrategyConfig cfg;

    @BeforeAll
    static void load() {
        CandleSeries raw = CandleCsv.read(SharedDatasets.file("ftx-btcperp-1m-2022-01.csv",
                "the detail replay runs on the FTX BTC-PERP 1m candles of January 2022"), "BTC", Interval.M1);
        // the file's volume is in USD (SOURCES.md): in BTC, as the simulator's liquidity counts it
        double[] vol = new double[raw.size()];
        for (int i = 0; i < vol.length; i++) {
            vol[i] = raw.volume(i) / raw.close(i);
        }
        m1 = new CandleSeries(BTC, Interval.M1, raw.openTimes(), raw.opens(), raw.highs(), raw.lows(), raw.closes(), vol);
        h1 = hours(m1);
        cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"), Map.of("strategy.trigger", "intrabar"));
    }

    /** The complete hours of a 1m series as 1h candles. */
    static CandleSeries hours(CandleSeries m) {
        List<long[]> t = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        long hour = 3_600_000L;
        int i = 0;
        while (i < m.size()) {
            long h = m.openTime(i) - m.openTime(i) % hour;
            int j = i;
            double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY, volume = 0;
            while (j < m.size() && m.openTime(j) < h + hour) {
                hi = Math.max(hi, m.high(j));
                lo = Math.min(lo, m.low(j));
                volume += m.volume(j);
                j++;
            }
            if (j - i == 60 && m.openTime(i) == h) {
                t.add(new long[]{h});
                v.add(new double[]{m.open(i), hi, lo, m.close(j - 1), volume});
            }
            i = j;
        }
        int n = t.size();
        long[] ot = new long[n];
        double[] o = new double[n], hh = new double[n], l = new double[n], c = new double[n], vv = new double[n];
        for (int k = 0; k < n; k++) {
            ot[k] = t.get(k)[0];
            o[k] = v.get(k)[0];
            hh[k] = v.get(k)[1];
            l[k] = v.get(k)[2];
            c[k] = v.get(k)[3];
            vv[k] = v.get(k)[4];
        }
        return new CandleSeries(BTC, Interval.H1, ot, o, hh, l, c, vv);
    }

    /** The 1m series without the minutes at the given indices. */
    static CandleSeries without(CandleSeries m, Set<Integer> drop) {
        int n = m.size() - drop.size();
        long[] ot = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0, k = 0; i < m.size(); i++) {
            if (!drop.contains(i)) {
                ot[k] = m.openTime(i);
                o[k] = m.open(i);
                h[k] = m.high(i);
                l[k] = m.low(i);
                c[k] = m.close(i);
                v[k++] = m.volume(i);
            }
        }
        return new CandleSeries(BTC, Interval.M1, ot, o, h, l, c, v);
    }

    static BacktestResult run(PathMode path, CandleSeries detail) {
        FibBacktest.Prepared p = FibBacktest.prepare(cfg, List.of(h1), Map.of(), Map.of(), SimConfig.REALISTIC.withPath(path), 1,
                cfg.risk());
        BacktestInput in = detail == null ? p.input() : p.input().withDetail(Map.of(BTC, detail));
        return Backtester.run(in, p.slots());
    }

    @Test
    void everyCompleteBarIsReplayedThroughItsMinutesAndAnIncompleteOneFallsBackToItsOwnPath() {
        assertThat(h1.size()).isGreaterThan(740);
        // drop one minute inside each of three hours (10 bars in, 100 bars in, 500 bars in)
        long hour = 3_600_000L;
        Set<Integer> drop = new java.util.HashSet<>();
        for (int bar : new int[]{10, 100, 500}) {
            long minute = h1.openTime(bar) + 17 * 60_000L;
            for (int i = 0; i < m1.size(); i++) {
                if (m1.openTime(i) == minute) {
                    drop.add(i);
                }
            }
        }
        assertThat(drop).hasSize(3);
        BacktestResult r = run(PathMode.WORST_CASE, without(m1, drop));
        assertThat(r.detailFallbackBars()).isEqualTo(3);
        assertThat(r.detailBars()).isEqualTo(h1.size() - 3);
        assertThat(r.summary().quietBars()).isZero(); // a detailed run replays every point
        BacktestResult none = run(PathMode.WORST_CASE, null);
        assertThat(none.detailBars()).isZero();
        assertThat(none.detailFallbackBars()).isZero();
        assertThat(r.eventLogSha256()).isNotEqualTo(none.eventLogSha256());
        // the strategy's bar closes stay on the main interval: one step per hour, the hour's close as mark
        assertThat(r.times()).isEqualTo(none.times());
        assertThat(r.mark()[0]).isEqualTo(h1.closes());
        assertThat(hour).isEqualTo(Interval.H1.millis());
    }

    @Test
    void withDetailThePathIntervalShrinks() {
        double[] bare = new double[PathMode.values().length];
        double[] detailed = new double[bare.length];
        for (PathMode path : PathMode.values()) {
            bare[path.ordinal()] = run(path, null).summary().finalEquity();
            detailed[path.ordinal()] = run(path, m1).summary().finalEquity();
        }
        double bareSpread = Arrays.stream(bare).max().orElseThrow() / Arrays.stream(bare).min().orElseThrow();
        double detailSpread = Arrays.stream(detailed).max().orElseThrow() / Arrays.stream(detailed).min().orElseThrow();
        System.out.printf("path interval of final equity over the 4 modes: without detail %s (max/min %.4f), with 1m detail %s (max/min %.4f)%n",
                Arrays.toString(bare), bareSpread, Arrays.toString(detailed), detailSpread);
        assertThat(detailSpread).isLessThan(bareSpread);
    }

    @Test
    void detailCandlesMustBeFinerAndOfATradedCoin() {
        FibBacktest.Prepared p = FibBacktest.prepare(cfg, List.of(h1), Map.of(), Map.of(), SimConfig.REALISTIC, 1, cfg.risk());
        assertThatThrownBy(() -> p.input().withDetail(Map.of(BTC, h1))).hasMessageContaining("must be finer");
        CandleSeries eth = new CandleSeries(new Coin("ETH"), Interval.M1, m1.openTimes(), m1.opens(), m1.highs(), m1.lows(),
                m1.closes(), m1.volumes());
        assertThatThrownBy(() -> p.input().withDetail(Map.of(new Coin("ETH"), eth))).hasMessageContaining("does not trade");
    }
}
