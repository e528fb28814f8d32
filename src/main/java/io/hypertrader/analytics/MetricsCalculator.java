package io.hypertrader.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Computes {@link Metrics} from a {@link PerformanceInput}: stateless, pure, deterministic (the
 * only randomness is the bootstrap's, seeded by {@link AnalysisOptions#seed()}). Definitions and
 * conventions: {@link Formula}.
 */
public final class MetricsCalculator {
    /** The calculator; it holds no state. */
    public static final MetricsCalculator DEFAULT = new MetricsCalculator();

    /** A 365-day year in ms, the same year {@link io.hypertrader.core.Interval#periodsPerYear()} uses. */
    public static final long YEAR_MS = 365L * 86_400_000L;

    /** Below this many round trips, trade statistics get a warning. */
    public static final int MIN_TRADES = 30;
    /** Below this many completed cycles, capture statistics get a warning. */
    public static final int MIN_CYCLES = 10;

    private MetricsCalculator() {
    }

    /** Simple returns r_t = E_t / E_(t-1) - 1 of the first {@code marks} points. */
    public static double[] simpleReturns(double[] equity, int marks) {
        double[] r = new double[Math.max(0, marks - 1)];
        for (int t = 1; t < marks; t++) {
            r[t - 1] = equity[t] / equity[t - 1] - 1;
        }
        return r;
    }

    /** Log returns ln(1 + r_t); NaN for a return at or below -100 % (ruin), which makes the figures of them NaN. */
    public static double[] logReturns(double[] r) {
        double[] l = new double[r.length];
        for (int t = 0; t < r.length; t++) {
            l[t] = r[t] > -1 ? Math.log1p(r[t]) : Double.NaN;
        }
        return l;
    }

    /** CAGR = (end / start)^(1 / years) - 1; -1 when end <= 0 (ruin); NaN when years <= 0. */
    public static double cagr(double start, double end, double years) {
        if (end <= 0) {
            return -1;
        }
        if (!(years > 0)) {
            return Double.NaN;
        }
        return Math.pow(end / start, 1 / years) - 1;
    }

    public Metrics compute(PerformanceInput in, AnalysisOptions opt) {
        long[] time = in.time();
        double[] equity = in.equity();
        int n = time.length;
        double ppy = in.interval().periodsPerYear();
        List<String> warnings = new ArrayList<>();

        // Returns stop at ruin: once equity is <= 0 a ratio of equities means nothing.
        int marks = n;
        long ruinTime = -1;
        for (int i = 1; i < n; i++) {
            if (equity[i] <= 0) {
                marks = i + 1;
                ruinTime = time[i];
                warnings.add(String.format(Locale.ROOT,
                        "Equity reached %s at mark %d: the account was ruined; return statistics stop there.",
                        fmt(equity[i]), i));
                break;
            }
        }
        double[] r = simpleReturns(equity, marks);
        Moments m = Moments.of(r);
        double sr = SharpeRatios.perPeriod(m);
        double years = (time[n - 1] - time[0]) / (double) YEAR_MS;
        double e0 = equity[0], eN = equity[n - 1];
        double cagr = ruinTime >= 0 ? -1 : cagr(e0, eN, years);

        Drawdowns.Summary dd = Drawdowns.summarize(equity);
        Metrics.Drawdown drawdown = new Metrics.Drawdown(dd.maxDrawdown(),
                timeAt(time, dd.peakIndex()), timeAt(time, dd.troughIndex()), timeAt(time, dd.recoveryIndex()),
                dd.longestUnderwaterStart() < 0 ? 0 : time[dd.longestUnderwaterEnd()] - time[dd.longestUnderwaterStart()],
                dd.longestUnderwaterStart() < 0 ? 0 : dd.longestUnderwaterEnd() - dd.longestUnderwaterStart(),
                dd.longestUnderwaterRecovered());

        Metrics.Returns returns = new Metrics.Returns(e0, eN, eN / e0 - 1, cagr, m.mean(),
                m.stdDev() * Math.sqrt(ppy), SharpeRatios.annualise(sr, ppy),
                SharpeRatios.annualise(SharpeRatios.sortinoPerPeriod(r), ppy),
                dd.maxDrawdown() > 0 ? cagr / dd.maxDrawdown() : Double.NaN, m.skewness(), m.kurtosis(),
                SharpeRatios.annualise(SharpeRatios.perPeriod(Moments.of(logReturns(r))), ppy));
        if (returns.sharpe() * returns.sharpeLog() < 0) {
            warnings.add(String.format(Locale.ROOT, "The Sharpe ratio of simple returns (%+.2f) and of log returns (%+.2f)"
                    + " disagree in sign: the mean bar return is %s while equity went %s (total return %+.1f%%) at"
                    + " %.0f%% annualised volatility. Believe the log-return figure, the total return and the CAGR.",
                    returns.sharpe(), returns.sharpeLog(), returns.sharpe() > 0 ? "positive" : "negative",
                    returns.totalReturn() < 0 ? "down" : "up", returns.totalReturn() * 100, returns.volatility() * 100));
        }

        Metrics.Activity activity = activity(in, years);
        Metrics.Trades trades = trades(in.trades());
        CostTotals c = in.costs();
        Metrics.Costs costs = new Metrics.Costs(c.fees(), c.funding(), c.slippage(), c.total(),
                c.fees() / e0, c.funding() / e0, c.slippage() / e0, c.total() / e0, c.tradedNotional());
        Metrics.BuyHold buyHold = buyHold(in, years, ppy);
        Metrics.Capture capture = capture(in.cycles());

        // Statistical honesty.
        double psr = SharpeRatios.probabilistic(sr, 0, r.length, m.skewness(), m.kurtosis());
        double minTrl = SharpeRatios.minTrackRecordLength(sr, 0, m.skewness(), m.kurtosis(), opt.confidence());
        double dsr = opt.trials() > 1
                ? SharpeRatios.deflated(sr, r.length, m.skewness(), m.kurtosis(), opt.trialSharpeVariance(), opt.trials())
                : psr;
        double block = opt.meanBlockLength() > 0 ? opt.meanBlockLength() : StationaryBootstrap.defaultBlockLength(r.length);
        StationaryBootstrap.Result boot = opt.bootstrapSamples() == 0
                ? new StationaryBootstrap.Result(new ConfidenceInterval(Double.NaN, Double.NaN, opt.confidence()),
                        new ConfidenceInterval(Double.NaN, Double.NaN, opt.confidence()))
                : new StationaryBootstrap(opt.bootstrapSamples(), block, opt.seed()).run(r, ppy, opt.confidence());
        Metrics.Significance sig = new Metrics.Significance(sr, psr, minTrl, opt.trials(), dsr,
                boot.sharpe(), boot.maxDrawdown(), opt.bootstrapSamples(), block, opt.seed());

        warnings.addAll(sampleWarnings(years, r.length, minTrl, sig, trades.count(), capture, opt));

        Metrics.Sample sample = new Metrics.Sample(in.interval().code(), ppy, n, r.length, time[0], time[n - 1],
                years, ruinTime);
        return new Metrics(sample, returns, drawdown, activity, trades, costs, buyHold, capture, sig, warnings);
    }

    private static long timeAt(long[] time, int index) {
        return index < 0 ? -1 : time[index];
    }

    /**
     * A net position worth less than this (USDC) is dust, not exposure: Hyperliquid's smallest order
     * ($10, {@code OrderRounding.MIN_NOTIONAL_USD}, which analytics does not depend on) could not
     * have opened it, so it is a rounding residue and does not count as time in the market.
     */
    static final double DUST_USD = 10.0;

    private static Metrics.Activity activity(PerformanceInput in, double years) {
        double[] equity = in.equity();
        double[] net = in.netExposure();
        int n = equity.length, inMarket = 0, counted = 0;
        double exposure = 0, equitySum = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(net[i]) >= DUST_USD) {
                inMarket++; // a residue below the smallest order is no exposure (nobody chose to hold it)
            }
            if (equity[i] > 0) {
                exposure += Math.abs(net[i]) / equity[i];
                counted++;
            }
            equitySum += equity[i];
        }
        double meanEquity = equitySum / n;
        double turnover = meanEquity > 0 ? in.costs().tradedNotional() / meanEquity : Double.NaN;
        return new Metrics.Activity((double) inMarket / n, counted > 0 ? exposure / counted : Double.NaN,
                turnover, years > 0 ? turnover / years : Double.NaN);
    }

    private static Metrics.Trades trades(List<RoundTrip> list) {
        int wins = 0, losses = 0;
        double winSum = 0, lossSum = 0, best = Double.NaN, worst = Double.NaN, holding = 0;
        for (RoundTrip t : list) {
            double p = t.netPnl();
            if (p > 0) {
                wins++;
                winSum += p;
            } else if (p < 0) {
                losses++;
                lossSum += p;
            }
            best = Double.isNaN(best) ? p : Math.max(best, p);
            worst = Double.isNaN(worst) ? p : Math.min(worst, p);
            holding += t.closeTime() - t.openTime();
        }
        int count = list.size();
        return new Metrics.Trades(count, wins, losses,
                count > 0 ? (double) wins / count : Double.NaN,
                losses > 0 ? winSum / -lossSum : Double.NaN,
                wins > 0 ? winSum / wins : Double.NaN,
                losses > 0 ? lossSum / losses : Double.NaN,
                best, worst, count > 0 ? holding / count : Double.NaN);
    }

    /** The last buy-and-hold figures computed on this thread, with exactly what they were computed from. */
    private record BuyHoldOf(double[] prices, double e0, double years, double ppy, Metrics.BuyHold result) {
    }

    private static final ThreadLocal<BuyHoldOf> LAST_BUY_HOLD = new ThreadLocal<>();

    /**
     * Buy and hold over the benchmark prices. A sweep computes it for every run over the same
     * candles, so the last result on this thread is reused when prices (bit for bit), starting
     * equity and span are the same: comparing 5000 prices costs a tenth of computing the figures.
     */
    private static Metrics.BuyHold buyHold(PerformanceInput in, double years, double ppy) {
        double[] p = in.benchmarkPrice();
        double e0 = in.equity()[0];
        BuyHoldOf last = LAST_BUY_HOLD.get();
        if (last != null && Double.compare(last.e0(), e0) == 0 && Double.compare(last.years(), years) == 0
                && Double.compare(last.ppy(), ppy) == 0 && Arrays.equals(last.prices(), p)) {
            return last.result();
        }
        Metrics.BuyHold result = computeBuyHold(p, e0, years, ppy);
        LAST_BUY_HOLD.set(new BuyHoldOf(p.clone(), e0, years, ppy, result));
        return result;
    }

    private static Metrics.BuyHold computeBuyHold(double[] p, double e0, double years, double ppy) {
        double[] eq = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            eq[i] = e0 * p[i] / p[0];
        }
        double[] r = simpleReturns(eq, eq.length);
        Moments m = Moments.of(r);
        double last = eq[eq.length - 1];
        return new Metrics.BuyHold(last / e0 - 1, cagr(e0, last, years), m.stdDev() * Math.sqrt(ppy),
                SharpeRatios.annualise(SharpeRatios.perPeriod(m), ppy), Drawdowns.summarize(eq).maxDrawdown());
    }

    private static Metrics.Capture capture(List<CycleOutcome> cycles) {
        List<Metrics.CycleCapture> rows = new ArrayList<>(cycles.size());
        double[] counted = new double[cycles.size()];
        int k = 0;
        double idealSum = 0, pnlSum = 0, gainSum = 0;
        for (int i = 0; i < cycles.size(); i++) {
            CycleOutcome c = cycles.get(i);
            double cap = c.capture();
            rows.add(new Metrics.CycleCapture(i + 1, c.startTime(), c.endTime(), c.netPnl(), cap, c.idealCapture(),
                    c.complete(), c.endReason()));
            if (c.complete() && !Double.isNaN(cap)) {
                counted[k++] = cap;
                idealSum += c.idealCapture();
                pnlSum += c.netPnl();
                gainSum += c.quantity() * Math.abs(c.extreme() - c.entry());
            }
        }
        double[] sorted = Arrays.copyOf(counted, k);
        Arrays.sort(sorted);
        double mean = k > 0 ? Arrays.stream(sorted).sum() / k : Double.NaN;
        double median = k > 0 ? StationaryBootstrap.quantile(sorted, 0.5) : Double.NaN;
        return new Metrics.Capture(rows, k, mean, median, k > 0 ? pnlSum / gainSum : Double.NaN,
                k > 0 ? idealSum / k : Double.NaN);
    }

    private static List<String> sampleWarnings(double years, int n, double minTrl, Metrics.Significance sig,
                                               int trades, Metrics.Capture capture, AnalysisOptions opt) {
        List<String> w = new ArrayList<>();
        double days = years * 365;
        if (days < 365) {
            w.add(String.format(Locale.ROOT, "The sample spans only %.0f days (less than a year): annualised figures"
                    + " (CAGR, volatility, Sharpe) extrapolate it and can be far off.", days));
        }
        if (Double.isInfinite(minTrl)) {
            w.add(String.format(Locale.ROOT, "The per-bar Sharpe ratio is not above 0: no sample length would show"
                    + " skill here (%d bars tested).", n));
        } else if (!Double.isNaN(minTrl) && n < minTrl) {
            w.add(String.format(Locale.ROOT, "%d bars are fewer than the %.0f needed to say the Sharpe ratio is above 0"
                    + " with %.0f%% confidence (minimum track record length).", n, Math.ceil(minTrl), opt.confidence() * 100));
        }
        if (sig.sharpeInterval().contains(0)) {
            w.add(String.format(Locale.ROOT, "The %.0f%% bootstrap interval of the Sharpe ratio [%s, %s] contains 0.",
                    opt.confidence() * 100, fmt(sig.sharpeInterval().lower()), fmt(sig.sharpeInterval().upper())));
        }
        if (trades == 0) {
            w.add("No closed round trips: win rate, profit factor and average win/loss are undefined.");
        } else if (trades < MIN_TRADES) {
            w.add(String.format(Locale.ROOT, "Only %d round trips: win rate, profit factor and average win/loss are"
                    + " anecdotal below %d.", trades, MIN_TRADES));
        }
        if (!capture.cycles().isEmpty() && capture.counted() < MIN_CYCLES) {
            w.add(String.format(Locale.ROOT, "Only %d completed cycles with a gain: the capture statistics are"
                    + " anecdotal below %d.", capture.counted(), MIN_CYCLES));
        }
        return w;
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
