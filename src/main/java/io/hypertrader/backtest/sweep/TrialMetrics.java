package io.hypertrader.backtest.sweep;

import io.hypertrader.analytics.Metrics;
import io.hypertrader.backtest.BacktestResult;

/**
 * The figures a sweep keeps per backtest: point estimates from {@link Metrics} (no bootstrap) and
 * the engine's counts. Fractions are plain numbers, money in USDC, Sharpe annualised unless named
 * per bar. Definitions: {@link io.hypertrader.analytics.Formula}.
 *
 * @param returns     number of bar returns (the n of the probabilistic and deflated Sharpe ratios)
 * @param trades      round trips (completed cycles for the fib hedge)
 * @param cycles      completed cycles with a gain (those in the capture averages)
 * @param sharpeLog   annualised Sharpe ratio of the log returns (its sign is the total return's)
 */
public record TrialMetrics(double initialEquity, double finalEquity, double totalReturn, double cagr, double volatility,
                           double sharpe, double sharpePerBar, double sortino, double calmar, double maxDrawdown,
                           double psr, double skewness, double kurtosis, int returns, int trades, double winRate,
                           double profitFactor, int cycles, double captureMedian, double capturePooled,
                           double captureIdeal, double fees, double funding, double slippage, double timeInMarket,
                           double buyHoldReturn, int fills, int rejected, int liquidations, String eventLogSha256,
                           double sharpeLog) {

    /** The figures without the log-return Sharpe ratio (NaN), as sweeps stored before it existed. */
    public TrialMetrics(double initialEquity, double finalEquity, double totalReturn, double cagr, double volatility,
                        double sharpe, double sharpePerBar, double sortino, double calmar, double maxDrawdown,
                        double psr, double skewness, double kurtosis, int returns, int trades, double winRate,
                        double profitFactor, int cycles, double captureMedian, double capturePooled,
                        double captureIdeal, double fees, double funding, double slippage, double timeInMarket,
                        double buyHoldReturn, int fills, int rejected, int liquidations, String eventLogSha256) {
        this(initialEquity, finalEquity, totalReturn, cagr, volatility, sharpe, sharpePerBar, sortino, calmar, maxDrawdown,
                psr, skewness, kurtosis, returns, trades, winRate, profitFactor, cycles, captureMedian, capturePooled,
                captureIdeal, fees, funding, slippage, timeInMarket, buyHoldReturn, fills, rejected, liquidations,
                eventLogSha256, Double.NaN);
    }

    /** Picks the sweep's figures out of a run's metrics and result. */
    public static TrialMetrics of(Metrics m, BacktestResult r) {
        return new TrialMetrics(m.returns().initialEquity(), m.returns().finalEquity(), m.returns().totalReturn(),
                m.returns().cagr(), m.returns().volatility(), m.returns().sharpe(), m.significance().sharpePerBar(),
                m.returns().sortino(), m.returns().calmar(), m.drawdown().maxDrawdown(),
                m.significance().probabilisticSharpe(), m.returns().skewness(), m.returns().kurtosis(),
                m.sample().returns(), m.trades().count(), m.trades().winRate(), m.trades().profitFactor(),
                m.capture().counted(), m.capture().median(), m.capture().pooled(), m.capture().idealMean(),
                m.costs().fees(), m.costs().funding(), m.costs().slippage(), m.activity().timeInMarket(),
                m.buyHold().totalReturn(), r.summary().fillCount(), r.summary().rejectedCount(),
                r.summary().liquidations(), r.eventLogSha256(), m.returns().sharpeLog());
    }

    /** P&amp;L in USDC: final - initial equity. */
    public double pnl() {
        return finalEquity - initialEquity;
    }
}
