package io.hypertrader.analytics;

import io.hypertrader.core.Fill;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The report's analysis beyond the headline metrics, what QuantStats, LEAN and freqtrade users
 * look for: calendar returns, rolling Sharpe ratio and volatility, the return distribution with
 * its tail risk, the worst drawdowns, the cycles as a trade list with excursions, a summary by exit
 * reason and a breakdown by coin. Tables are Tablesaw tables (column names in {@link PeriodReturns}
 * and {@link TradeTables}); everything is a pure function of its input.
 *
 * @param monthly        {@link PeriodReturns#monthly}
 * @param yearly         {@link PeriodReturns#yearly}
 * @param rolling        rolling Sharpe ratio and volatility over {@link Rolling#defaultWindow} bars
 * @param dailyReturns   the equity's return per UTC day
 * @param tails          historical VaR and CVaR of bar and daily returns at 95 and 99 %
 * @param worstDrawdowns the 5 deepest drawdown episodes, deepest first
 * @param trades         {@link TradeTables#trades}
 * @param exitReasons    {@link TradeTables#exitReasons}
 * @param perCoin        {@link TradeTables#perCoin}
 */
public record RunAnalysis(Table monthly, Table yearly, Rolling rolling, double[] dailyReturns, Tails tails,
                          List<DrawdownEpisodes.Episode> worstDrawdowns, Table trades, Table exitReasons, Table perCoin) {

    /** How many drawdown episodes the report lists. */
    public static final int WORST_DRAWDOWNS = 5;

    public RunAnalysis {
        worstDrawdowns = List.copyOf(worstDrawdowns);
    }

    /** VaR and CVaR of bar returns and of daily returns, at 95 and 99 %. */
    public record Tails(TailRisk bar95, TailRisk bar99, TailRisk day95, TailRisk day99) {
        public List<TailRisk> bars() {
            return List.of(bar95, bar99);
        }

        public List<TailRisk> days() {
            return List.of(day95, day99);
        }
    }

    /**
     * Computes the analysis of a run.
     *
     * @param in         the run's performance input (its equity and benchmark at the marks)
     * @param cycles     the cycles as trades (empty for a strategy without cycles)
     * @param fills      every fill of the run
     * @param weights    coin to weight (allocation), in display order
     * @param finalValue coin to its final position * final mark (USDC)
     */
    public static RunAnalysis of(PerformanceInput in, List<CycleTrade> cycles, List<Fill> fills,
                                 SequencedMap<String, Double> weights, Map<String, Double> finalValue) {
        long[] t = in.time();
        double[] e = in.equity();
        double[] p = in.benchmarkPrice();
        double[] bh = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            bh[i] = e[0] * p[i] / p[0];
        }
        double ppy = in.interval().periodsPerYear();
        int marks = e.length;
        for (int i = 1; i < e.length; i++) {
            if (e[i] <= 0) {
                marks = i + 1;
                break;
            }
        }
        double[] bars = MetricsCalculator.simpleReturns(e, marks);
        double[] days = PeriodReturns.daily(java.util.Arrays.copyOf(t, marks), java.util.Arrays.copyOf(e, marks));
        Tails tails = new Tails(TailRisk.of(bars, 0.95), TailRisk.of(bars, 0.99), TailRisk.of(days, 0.95),
                TailRisk.of(days, 0.99));
        Table trades = TradeTables.trades(cycles);
        return new RunAnalysis(PeriodReturns.monthly(t, e), PeriodReturns.yearly(t, e, bh),
                Rolling.of(t, e, Rolling.defaultWindow(in.interval().millis()), ppy), days, tails,
                DrawdownEpisodes.worst(t, e, WORST_DRAWDOWNS), trades, TradeTables.exitReasons(trades),
                TradeTables.perCoin(fills, trades, weights, finalValue));
    }
}
