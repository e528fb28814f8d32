package io.hypertrader.backtest.analysis;

import io.hypertrader.analytics.DrawdownEpisodes;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.PerformanceInput;
import io.hypertrader.analytics.RunAnalysis;
import io.hypertrader.analytics.TailRisk;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.FibBacktest;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.testdata.CandleCsv;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report's analysis of the default config on the real BTC-USD hourly candles (Coinbase,
 * 2017-11-13 to 2019-10-17, 16,882 bars: issue 12's "real BTC 1h default"), every figure checked
 * against a computation of its own written here from the equity marks, the candles and the engine's
 * records, by a different route than the production code.
 */
class RunAnalysisRealDataTest {
    static CandleSeries candles;
    static StrategyConfig cfg;
    static BacktestResult result;
    static RunAdapter adapter;
    static PerformanceInput in;
    static Metrics metrics;
    static RunAnalysis analysis;

    @BeforeAll
    static void runTheDefault() {
        candles = CandleCsv.read(SharedDatasets.file("coinbase-btcusd-1h-2017-2019.csv",
                "the headline figures are of the whole 16,882-bar series"), "BTC", Interval.H1);
        cfg = ConfigLoader.load(Path.of("config/fib-hedge.yaml"));
        Coin btc = Coin.of("BTC");
        result = FibBacktest.run(cfg, List.of(candles), Map.of(), Map.of(btc, FibBacktest.instrument(cfg, Map.of(), btc)),
                SimConfig.REALISTIC, 1);
        adapter = new RunAdapter(result, List.of(candles), Map.of(btc, CycleLevels.of(cfg.strategy())));
        in = adapter.performance();
        metrics = adapter.metrics();
        LinkedHashMap<String, Double> weights = new LinkedHashMap<>();
        weights.put("BTC", 1.0);
        analysis = adapter.analysis(weights);
    }

    @Test
    void theHeadlineFiguresOfIssue12AndTheLogReturnSharpeWithItsWarning() {
        // issue 12: return -71.3 %, CAGR -47.6 %, Sharpe +0.58 at 186 % volatility
        assertThat(metrics.returns().totalReturn()).isCloseTo(-0.7127, within(0.0005));
        assertThat(metrics.returns().cagr()).isCloseTo(-0.476, within(0.001));
        assertThat(metrics.returns().sharpe()).isCloseTo(0.58, within(0.005));
        assertThat(metrics.returns().volatility()).isCloseTo(1.86, within(0.01));
        // the log-return Sharpe ratio, computed here from ln(E_t / E_(t-1)) directly
        double[] e = in.equity();
        double[] l = new double[e.length - 1];
        for (int t = 1; t < e.length; t++) {
            l[t - 1] = Math.log(e[t] / e[t - 1]);
        }
        double mean = Arrays.stream(l).average().orElseThrow();
        double var = Arrays.stream(l).map(x -> (x - mean) * (x - mean)).sum() / (l.length - 1);
        double sharpeLog = mean / Math.sqrt(var) * Math.sqrt(8760);
        assertThat(metrics.returns().sharpeLog()).isCloseTo(sharpeLog, within(1e-9));
        assertThat(sharpeLog).isNegative();
        // the log returns add up to the total return: the sign can only be the return's
        assertThat(Math.exp(Arrays.stream(l).sum()) - 1).isCloseTo(metrics.returns().totalReturn(), within(1e-9));
        assertThat(metrics.warnings()).anyMatch(w -> w.contains("disagree in sign") && w.contains("+0.58"));
    }

    @Test
    void monthlyAndYearlyReturnsCompoundTheBarReturnsOfEachCalendarPeriod() {
        long[] t = in.time();
        double[] e = in.equity();
        Map<YearMonth, Double> months = new TreeMap<>();
        Map<Integer, Double> years = new TreeMap<>();
        for (int i = 1; i < t.length; i++) {
            // the mark at a bar's close belongs to the period of the millisecond before it
            YearMonth ym = YearMonth.from(Instant.ofEpochMilli(t[i] - 1).atZone(ZoneOffset.UTC));
            double growth = e[i] / e[i - 1];
            months.merge(ym, growth, (a, b) -> a * b);
            years.merge(ym.getYear(), growth, (a, b) -> a * b);
        }
        Table m = analysis.monthly();
        assertThat(m.rowCount()).isEqualTo(months.size()).isEqualTo(24);
        int k = 0;
        double all = 1;
        for (var x : months.entrySet()) {
            assertThat(m.intColumn("year").get(k)).isEqualTo(x.getKey().getYear());
            assertThat(m.intColumn("month").get(k)).isEqualTo(x.getKey().getMonthValue());
            assertThat(m.doubleColumn("return").getDouble(k)).isCloseTo(x.getValue() - 1, within(1e-9));
            all *= 1 + m.doubleColumn("return").getDouble(k);
            k++;
        }
        assertThat(all - 1).isCloseTo(metrics.returns().totalReturn(), within(1e-9));
        // the sample starts on 2017-11-13 and ends on 2019-10-17: first and last months are partial
        assertThat(m.booleanColumn("full").get(0)).isFalse();
        assertThat(m.booleanColumn("full").get(1)).isTrue();
        assertThat(m.booleanColumn("full").get(k - 1)).isFalse();
        Table y = analysis.yearly();
        assertThat(y.intColumn("year").asList()).containsExactly(2017, 2018, 2019);
        int j = 0;
        for (var x : years.entrySet()) {
            assertThat(y.doubleColumn("return").getDouble(j++)).isCloseTo(x.getValue() - 1, within(1e-9));
        }
        // buy and hold of 2018: the last close of 2018 over the last close of 2017
        double c2017 = closeAtOrBefore(Instant.parse("2018-01-01T00:00:00Z").toEpochMilli());
        double c2018 = closeAtOrBefore(Instant.parse("2019-01-01T00:00:00Z").toEpochMilli());
        assertThat(y.doubleColumn("buy_hold_return").getDouble(1)).isCloseTo(c2018 / c2017 - 1, within(1e-9));
        assertThat(y.booleanColumn("full").get(1)).isTrue();
    }

    @Test
    void rollingSharpeAndVolatilityAreTheWindowsFiguresRecomputedNaively() {
        var ro = analysis.rolling();
        assertThat(ro.window()).isEqualTo(720);
        double[] e = in.equity();
        assertThat(ro.time()).hasSize(e.length - 1 - 720 + 1);
        for (int k = 0; k < ro.time().length; k += 997) {
            int end = k + 720; // returns r_(k+1) .. r_(k+720), i.e. marks k .. k+720
            double[] r = new double[720];
            for (int i = 0; i < 720; i++) {
                r[i] = e[k + i + 1] / e[k + i] - 1;
            }
            double mean = Arrays.stream(r).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / 719);
            assertThat(ro.time()[k]).isEqualTo(in.time()[end]);
            assertThat(ro.volatility()[k]).isCloseTo(sd * Math.sqrt(8760), within(1e-9));
            assertThat(ro.sharpe()[k]).isCloseTo(mean / sd * Math.sqrt(8760), within(1e-8));
        }
    }

    @Test
    void valueAtRiskIsTheFifthPercentileAndCvarTheMeanBeyondIt() {
        double[] e = in.equity();
        double[] r = new double[e.length - 1];
        for (int t = 1; t < e.length; t++) {
            r[t - 1] = e[t] / e[t - 1] - 1;
        }
        check(analysis.tails().bar95(), r, 0.95);
        check(analysis.tails().bar99(), r, 0.99);
        // daily: the last mark of each UTC day over the last mark of the day before
        Map<Long, Integer> lastOfDay = new TreeMap<>();
        long[] t = in.time();
        for (int i = 1; i < t.length; i++) {
            lastOfDay.put(Math.floorDiv(t[i] - 1, 86_400_000L), i);
        }
        List<Double> daily = new ArrayList<>();
        int prev = 0;
        for (int i : lastOfDay.values()) {
            daily.add(e[i] / e[prev] - 1);
            prev = i;
        }
        double[] d = daily.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(analysis.dailyReturns()).containsExactly(d, within(1e-12));
        check(analysis.tails().day95(), d, 0.95);
    }

    private static void check(TailRisk t, double[] x, double level) {
        double[] s = x.clone();
        Arrays.sort(s);
        // numpy's default percentile: linear between the order statistics around (n - 1) p
        double h = (s.length - 1) * (1 - level);
        int lo = (int) h;
        double var = s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
        double cvar = Arrays.stream(s).filter(v -> v <= var).average().orElseThrow();
        assertThat(t.var()).isCloseTo(var, within(1e-12));
        assertThat(t.cvar()).isCloseTo(cvar, within(1e-12));
        assertThat(t.n()).isEqualTo(x.length);
    }

    @Test
    void worstDrawdownsAreDisjointStretchesBelowARunningPeakAndTheDeepestIsTheMaxDrawdown() {
        List<DrawdownEpisodes.Episode> w = analysis.worstDrawdowns();
        assertThat(w).hasSize(5);
        assertThat(w.get(0).depth()).isCloseTo(metrics.drawdown().maxDrawdown(), within(1e-12));
        for (int i = 1; i < w.size(); i++) {
            assertThat(w.get(i).depth()).isLessThanOrEqualTo(w.get(i - 1).depth());
        }
        long[] t = in.time();
        double[] e = in.equity();
        for (DrawdownEpisodes.Episode ep : w) {
            int p = Arrays.binarySearch(t, ep.peakTime());
            int end = ep.recovered() ? Arrays.binarySearch(t, ep.recoveryTime()) : t.length - 1;
            // the peak is a running peak, everything until the recovery stays below it, the recovery is not
            assertThat(Arrays.stream(e, 0, p + 1).max().orElseThrow()).isEqualTo(e[p]);
            double worst = 0;
            for (int i = p + 1; i < (ep.recovered() ? end : end + 1); i++) {
                assertThat(e[i]).isLessThan(e[p]);
                worst = Math.max(worst, 1 - e[i] / e[p]);
            }
            if (ep.recovered()) {
                assertThat(e[end]).isGreaterThanOrEqualTo(e[p]);
            }
            assertThat(ep.depth()).isCloseTo(worst, within(1e-12));
            assertThat(ep.lengthMs()).isEqualTo(t[end] - t[p]);
        }
    }

    @Test
    void tradeListHasEveryCycleWithItsPnlAndExcursionsFromTheCandles() {
        Table tr = analysis.trades();
        List<CycleRecord> cycles = adapter.cycles();
        assertThat(tr.rowCount()).isEqualTo(cycles.size()).isGreaterThan(250);
        long barMs = candles.interval().millis();
        for (int i = 0; i < tr.rowCount(); i++) {
            int idx = tr.intColumn("cycle").get(i);
            CycleRecord c = cycles.get(idx - 1);
            assertThat(tr.doubleColumn("net_pnl").getDouble(i)).isEqualTo(c.pnl());
            assertThat(tr.longColumn("duration_ms").get(i)).isEqualTo(Math.max(c.startTime(), c.endTime()) - c.startTime());
            double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
            for (int b = 0; b < candles.size(); b++) {
                long open = candles.openTime(b);
                if (open <= Math.max(c.startTime(), c.endTime()) && open + barMs > c.startTime()) {
                    hi = Math.max(hi, candles.high(b));
                    lo = Math.min(lo, candles.low(b));
                }
            }
            assertThat(tr.doubleColumn("mfe").getDouble(i)).isCloseTo(hi / c.e() - 1, within(1e-12));
            assertThat(tr.doubleColumn("mae").getDouble(i)).isCloseTo(lo / c.e() - 1, within(1e-12));
        }
        // exit reasons: counts and P&L by reason, recomputed with streams
        Map<String, List<CycleRecord>> byReason = cycles.stream().filter(CycleRecord::complete)
                .collect(Collectors.groupingBy(CycleRecord::endReason));
        Table ex = analysis.exitReasons();
        assertThat(ex.rowCount()).isEqualTo(byReason.size());
        for (int i = 0; i < ex.rowCount(); i++) {
            List<CycleRecord> g = byReason.get(ex.stringColumn("end_reason").get(i));
            assertThat(ex.intColumn("cycles").get(i)).isEqualTo(g.size());
            assertThat(ex.intColumn("wins").get(i)).isEqualTo((int) g.stream().filter(c -> c.pnl() > 0).count());
            assertThat(ex.doubleColumn("net_pnl").getDouble(i)).isCloseTo(g.stream().mapToDouble(CycleRecord::pnl).sum(),
                    within(1e-6));
        }
        for (int i = 1; i < ex.rowCount(); i++) {
            assertThat(ex.intColumn("cycles").get(i)).isLessThanOrEqualTo(ex.intColumn("cycles").get(i - 1));
        }
    }

    @Test
    void perCoinPriceAndFeesReconcileWithTheAccount() {
        Table pc = analysis.perCoin();
        assertThat(pc.rowCount()).isEqualTo(1);
        BacktestResult.Summary s = result.summary();
        double fees = result.fills().stream().mapToDouble(Fill::fee).sum();
        assertThat(pc.doubleColumn("fees").getDouble(0)).isCloseTo(fees, within(1e-6)).isCloseTo(s.fees(), within(1e-6));
        assertThat(pc.intColumn("fills").get(0)).isEqualTo(s.fillCount());
        // equity change = price P&L at the fill prices - fees - funding (the account's identity, slippage
        // being inside the fill prices)
        assertThat(pc.doubleColumn("net_before_funding").getDouble(0) - s.funding())
                .isCloseTo(s.finalEquity() - s.initialEquity(), within(1e-6));
    }

    private static double closeAtOrBefore(long closeMs) {
        double px = Double.NaN;
        for (int i = 0; i < candles.size(); i++) {
            if (candles.openTime(i) + candles.interval().millis() <= closeMs) {
                px = candles.close(i);
            }
        }
        return px;
    }
}
