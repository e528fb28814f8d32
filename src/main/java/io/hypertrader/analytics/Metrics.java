package io.hypertrader.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Every figure of a run's performance, grouped as the report shows them. Fractions are plain
 * numbers (0.25 = 25 %); money is in quote currency; times are UTC epoch ms, durations ms.
 * NaN means "undefined" (e.g. a Sharpe ratio of a flat curve, a profit factor without losses);
 * the report prints it as "n/a". Definitions: {@link Formula}.
 */
public record Metrics(Sample sample, Returns returns, Drawdown drawdown, Activity activity, Trades trades,
                      Costs costs, BuyHold buyHold, Capture capture, Significance significance,
                      List<String> warnings) {

    public Metrics {
        warnings = List.copyOf(warnings);
    }

    /**
     * @param interval       bar interval code, e.g. "1h"
     * @param periodsPerYear P, bars per 365-day year
     * @param marks          number of equity marks (n + 1)
     * @param returns        number of returns used (n; fewer than marks - 1 after a ruin)
     * @param startTime      time of the first mark
     * @param endTime        time of the last mark
     * @param years          Y, calendar years between the first and last mark
     * @param ruinTime       time at which equity first reached <= 0, or -1
     */
    public record Sample(String interval, double periodsPerYear, int marks, int returns, long startTime,
                         long endTime, double years, long ruinTime) {
    }

    /**
     * Return figures; volatility, Sharpe and Sortino annualised. Mean return is per bar.
     * {@code sharpeLog} is the Sharpe ratio of the log returns ln(1 + r_t): its sign is the sign of
     * the total return, which the Sharpe ratio of simple returns need not share at high volatility
     * (volatility drag); NaN after a ruin.
     */
    public record Returns(double initialEquity, double finalEquity, double totalReturn, double cagr,
                          double meanReturn, double volatility, double sharpe, double sortino, double calmar,
                          double skewness, double kurtosis, double sharpeLog) {
    }

    /** Largest drawdown (fraction) with its peak, trough and recovery times (-1 = never), and the longest under-water stretch. */
    public record Drawdown(double maxDrawdown, long peakTime, long troughTime, long recoveryTime,
                           long longestMs, int longestBars, boolean longestRecovered) {
    }

    /** Time in market and average exposure (fractions), turnover (times mean equity) in total and per year. */
    public record Activity(double timeInMarket, double averageExposure, double turnover, double turnoverPerYear) {
    }

    /** Round-trip statistics; P&L in quote currency. */
    public record Trades(int count, int wins, int losses, double winRate, double profitFactor, double averageWin,
                         double averageLoss, double best, double worst, double averageHoldingMs) {
    }

    /** Cost totals in quote currency and as fractions of the initial equity. */
    public record Costs(double fees, double funding, double slippage, double total, double feesFraction,
                        double fundingFraction, double slippageFraction, double totalFraction, double tradedNotional) {
    }

    /** Buy and hold of the traded coin over the same marks. */
    public record BuyHold(double totalReturn, double cagr, double volatility, double sharpe, double maxDrawdown) {
    }

    /** One cycle's capture beside the ideal. */
    public record CycleCapture(int index, long startTime, long endTime, double netPnl, double capture,
                               double idealCapture, boolean complete, String endReason) {
    }

    /**
     * Capture statistics over completed cycles with a gain (H != E).
     *
     * @param cycles      every cycle, complete or not, in input order
     * @param counted     completed cycles that enter the averages
     * @param mean        mean capture of the counted cycles (sensitive to cycles with a tiny gain)
     * @param median      median capture of the counted cycles
     * @param pooled      sum of their P&L / sum of their open gains Q * |H - E| (gain-weighted)
     * @param idealMean   mean ideal capture of the counted cycles
     */
    public record Capture(List<CycleCapture> cycles, int counted, double mean, double median, double pooled,
                          double idealMean) {
        public Capture {
            cycles = List.copyOf(cycles);
        }
    }

    /**
     * Statistical-honesty figures.
     *
     * @param sharpePerBar         SR, the per-bar Sharpe ratio
     * @param probabilisticSharpe  PSR against 0
     * @param minTrackRecordBars   MinTRL at the confidence level (bars); infinite when SR <= 0
     * @param trials               configurations tried
     * @param deflatedSharpe       DSR (equals PSR when trials = 1)
     * @param sharpeInterval       bootstrap interval of the annualised Sharpe ratio
     * @param maxDrawdownInterval  bootstrap interval of the max drawdown
     * @param bootstrapSamples     B
     * @param meanBlockLength      L in bars
     * @param seed                 bootstrap seed
     */
    public record Significance(double sharpePerBar, double probabilisticSharpe, double minTrackRecordBars,
                               long trials, double deflatedSharpe, ConfidenceInterval sharpeInterval,
                               ConfidenceInterval maxDrawdownInterval, int bootstrapSamples, double meanBlockLength,
                               long seed) {
    }

    /** How a figure's value reads: the report formats by it. */
    public enum Unit {
        /** A fraction shown as a percentage (0.25 = 25.00 %). */
        PERCENT,
        /** A plain ratio (Sharpe, profit factor). */
        RATIO,
        /** Quote currency. */
        MONEY,
        /** A count. */
        COUNT,
        /** A probability shown as 0..1. */
        PROBABILITY,
        /** Years. */
        YEARS,
        /** A duration in milliseconds. */
        DURATION,
        /** A UTC epoch-ms time; -1 = never. */
        TIME,
        /** A number of bars. */
        BARS,
        /** A multiple (turnover: times mean equity). */
        TIMES
    }

    /** One row of the metrics table: label, value, unit and the formula that defines it. */
    public record Figure(String key, String label, double value, Unit unit, Formula formula) {
    }

    /** The headline figures in table order (the report's metrics table; no arithmetic, a listing). */
    public List<Figure> figures() {
        List<Figure> f = new ArrayList<>();
        String ci = String.format(java.util.Locale.ROOT, "%.0f%% interval", significance.sharpeInterval().level() * 100);
        f.add(new Figure("total_return", "Total return", returns.totalReturn(), Unit.PERCENT, Formula.TOTAL_RETURN));
        f.add(new Figure("cagr", "CAGR", returns.cagr(), Unit.PERCENT, Formula.CAGR));
        f.add(new Figure("volatility", "Volatility (annualised)", returns.volatility(), Unit.PERCENT, Formula.VOLATILITY));
        f.add(new Figure("sharpe", "Sharpe ratio (annualised)", returns.sharpe(), Unit.RATIO, Formula.SHARPE));
        f.add(new Figure("sharpe_log", "Sharpe ratio of log returns (annualised)", returns.sharpeLog(), Unit.RATIO,
                Formula.SHARPE_LOG));
        f.add(new Figure("sharpe_ci_low", "Sharpe " + ci + ", low", significance.sharpeInterval().lower(), Unit.RATIO, Formula.BOOTSTRAP));
        f.add(new Figure("sharpe_ci_high", "Sharpe " + ci + ", high", significance.sharpeInterval().upper(), Unit.RATIO, Formula.BOOTSTRAP));
        f.add(new Figure("psr", "Probabilistic Sharpe (P[SR > 0])", significance.probabilisticSharpe(), Unit.PROBABILITY, Formula.PSR));
        f.add(new Figure("dsr", "Deflated Sharpe", significance.deflatedSharpe(), Unit.PROBABILITY, Formula.DEFLATED_SHARPE));
        f.add(new Figure("trials", "Configurations tried", significance.trials(), Unit.COUNT, Formula.DEFLATED_SHARPE));
        f.add(new Figure("min_track_record", "Minimum track record", significance.minTrackRecordBars(), Unit.BARS, Formula.MIN_TRACK_RECORD));
        f.add(new Figure("sortino", "Sortino ratio (annualised)", returns.sortino(), Unit.RATIO, Formula.SORTINO));
        f.add(new Figure("calmar", "Calmar ratio", returns.calmar(), Unit.RATIO, Formula.CALMAR));
        f.add(new Figure("max_drawdown", "Max drawdown", drawdown.maxDrawdown(), Unit.PERCENT, Formula.MAX_DRAWDOWN));
        f.add(new Figure("max_drawdown_ci_low", "Max drawdown " + ci + ", low", significance.maxDrawdownInterval().lower(), Unit.PERCENT, Formula.BOOTSTRAP));
        f.add(new Figure("max_drawdown_ci_high", "Max drawdown " + ci + ", high", significance.maxDrawdownInterval().upper(), Unit.PERCENT, Formula.BOOTSTRAP));
        f.add(new Figure("max_drawdown_peak", "Max drawdown peak", drawdown.peakTime(), Unit.TIME, Formula.MAX_DRAWDOWN));
        f.add(new Figure("max_drawdown_trough", "Max drawdown trough", drawdown.troughTime(), Unit.TIME, Formula.MAX_DRAWDOWN));
        f.add(new Figure("max_drawdown_recovery", "Max drawdown recovered", drawdown.recoveryTime(), Unit.TIME, Formula.MAX_DRAWDOWN));
        f.add(new Figure("longest_drawdown", drawdown.longestRecovered() ? "Longest drawdown" : "Longest drawdown (not recovered)",
                drawdown.longestMs(), Unit.DURATION, Formula.DRAWDOWN_DURATION));
        f.add(new Figure("skewness", "Skewness of bar returns", returns.skewness(), Unit.RATIO, Formula.MOMENTS));
        f.add(new Figure("kurtosis", "Kurtosis of bar returns", returns.kurtosis(), Unit.RATIO, Formula.MOMENTS));
        f.add(new Figure("time_in_market", "Time in market", activity.timeInMarket(), Unit.PERCENT, Formula.TIME_IN_MARKET));
        f.add(new Figure("exposure", "Average exposure", activity.averageExposure(), Unit.PERCENT, Formula.EXPOSURE));
        f.add(new Figure("turnover_per_year", "Turnover per year", activity.turnoverPerYear(), Unit.TIMES, Formula.TURNOVER));
        f.add(new Figure("trades", "Round trips", trades.count(), Unit.COUNT, Formula.WIN_RATE));
        f.add(new Figure("win_rate", "Win rate", trades.winRate(), Unit.PERCENT, Formula.WIN_RATE));
        f.add(new Figure("profit_factor", "Profit factor", trades.profitFactor(), Unit.RATIO, Formula.PROFIT_FACTOR));
        f.add(new Figure("average_win", "Average win", trades.averageWin(), Unit.MONEY, Formula.AVERAGE_WIN_LOSS));
        f.add(new Figure("average_loss", "Average loss", trades.averageLoss(), Unit.MONEY, Formula.AVERAGE_WIN_LOSS));
        f.add(new Figure("fees", "Fees paid", costs.fees(), Unit.MONEY, Formula.COSTS));
        f.add(new Figure("funding", "Funding paid", costs.funding(), Unit.MONEY, Formula.COSTS));
        f.add(new Figure("slippage", "Slippage cost", costs.slippage(), Unit.MONEY, Formula.COSTS));
        f.add(new Figure("costs_fraction", "All costs / initial equity", costs.totalFraction(), Unit.PERCENT, Formula.COSTS));
        f.add(new Figure("buy_hold_return", "Buy and hold return", buyHold.totalReturn(), Unit.PERCENT, Formula.BUY_AND_HOLD));
        f.add(new Figure("buy_hold_cagr", "Buy and hold CAGR", buyHold.cagr(), Unit.PERCENT, Formula.BUY_AND_HOLD));
        f.add(new Figure("buy_hold_sharpe", "Buy and hold Sharpe", buyHold.sharpe(), Unit.RATIO, Formula.BUY_AND_HOLD));
        f.add(new Figure("buy_hold_max_drawdown", "Buy and hold max drawdown", buyHold.maxDrawdown(), Unit.PERCENT, Formula.BUY_AND_HOLD));
        f.add(new Figure("cycles", "Completed cycles with a gain", capture.counted(), Unit.COUNT, Formula.CAPTURE));
        f.add(new Figure("capture_mean", "Mean cycle capture", capture.mean(), Unit.PERCENT, Formula.CAPTURE));
        f.add(new Figure("capture_median", "Median cycle capture", capture.median(), Unit.PERCENT, Formula.CAPTURE));
        f.add(new Figure("capture_pooled", "Pooled cycle capture", capture.pooled(), Unit.PERCENT, Formula.CAPTURE));
        f.add(new Figure("capture_ideal", "Ideal capture", capture.idealMean(), Unit.PERCENT, Formula.CAPTURE));
        f.add(new Figure("years", "Sample length", sample.years(), Unit.YEARS, Formula.CAGR));
        f.add(new Figure("returns", "Bar returns", sample.returns(), Unit.COUNT, Formula.RETURN));
        f.add(new Figure("periods_per_year", "Bars per year", sample.periodsPerYear(), Unit.RATIO, Formula.PERIODS_PER_YEAR));
        return f;
    }
}
