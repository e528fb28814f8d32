package io.hypertrader.analytics;

/**
 * The definition of every figure in {@link Metrics}, as text: the one source the report's
 * appendix prints and docs/metrics.md repeats (a test checks that the doc quotes each text
 * verbatim). Notation: E_t equity at mark t (t = 0..n), r_t per-bar return, P bars per year,
 * Y years of calendar time, SR per-bar Sharpe ratio, Phi the standard normal CDF.
 */
public enum Formula {
    CONVENTIONS("Conventions",
            "Returns are simple (arithmetic) returns of the equity marked to market at each bar close, after fees,"
                    + " slippage and funding. The risk-free rate is 0. Annualised figures assume a market open 24/7"
                    + " and a year of 365 days. Standard deviations use the divisor n - 1; skewness and kurtosis use"
                    + " population moments (divisor n)."),
    PERIODS_PER_YEAR("Bars per year",
            "P = 365 days / bar length, e.g. 1h: 8760, 4h: 2190, 1d: 365."),
    RETURN("Bar return",
            "r_t = E_t / E_(t-1) - 1 for t = 1..n, so n + 1 equity marks give n returns."),
    TOTAL_RETURN("Total return",
            "E_n / E_0 - 1."),
    CAGR("CAGR",
            "(E_n / E_0)^(1 / Y) - 1 with Y = (time of E_n - time of E_0) / 365 days, the calendar time"
                    + " between the first and the last mark."),
    VOLATILITY("Volatility",
            "s * sqrt(P) with s = sqrt(sum (r_t - mean r)^2 / (n - 1))."),
    SHARPE("Sharpe ratio",
            "mean(r) / s * sqrt(P) (risk-free rate 0). SR = mean(r) / s is the per-bar ratio used below."),
    SHARPE_LOG("Sharpe ratio of log returns",
            "mean(l) / s_l * sqrt(P) with l_t = ln(1 + r_t) and s_l their standard deviation. Since the l_t add"
                    + " up to ln(E_n / E_0), its sign is the sign of the total return; the Sharpe ratio of simple"
                    + " returns can be positive while equity shrinks (the arithmetic mean exceeds the growth rate by"
                    + " about s^2 / 2 per bar), and the report warns when the two differ in sign."),
    SORTINO("Sortino ratio",
            "mean(r) / D * sqrt(P) with the downside deviation D = sqrt(sum over all n returns of"
                    + " min(r_t, 0)^2 / n) (target return 0)."),
    MAX_DRAWDOWN("Max drawdown",
            "max over t of 1 - E_t / max(E_0..E_t), a fraction of the running peak."),
    DRAWDOWN_DURATION("Longest drawdown",
            "the longest time from a running peak to the first later mark at or above it, or to the last"
                    + " mark when equity never gets back (then flagged as not recovered)."),
    CALMAR("Calmar ratio",
            "CAGR / max drawdown over the whole sample."),
    MOMENTS("Skewness and kurtosis",
            "skew = m3 / m2^(3/2) and kurtosis = m4 / m2^2 (not excess: a normal sample gives 3), with"
                    + " m_k = sum (r_t - mean r)^k / n."),
    TIME_IN_MARKET("Time in market",
            "the share of marks at which the net position is worth at least the $10 minimum order (a smaller residue is dust, not exposure)."),
    EXPOSURE("Average exposure",
            "mean over marks of |net position notional| / E_t (1.0 = fully invested without leverage)."),
    TURNOVER("Turnover",
            "sum over fills of |quantity * price| / mean(E_t); per year: that divided by Y."),
    WIN_RATE("Win rate",
            "round trips with net P&L > 0 / all round trips (a round trip at exactly 0 is not a win)."),
    PROFIT_FACTOR("Profit factor",
            "sum of the net P&L of winning round trips / |sum of the net P&L of losing round trips|;"
                    + " undefined when nothing lost."),
    AVERAGE_WIN_LOSS("Average win and loss",
            "mean net P&L of the winning round trips, and of the losing ones (a negative number)."),
    COSTS("Costs",
            "fees and slippage are positive when paid; funding is positive when paid and negative when"
                    + " received; each is also shown as a fraction of E_0."),
    BUY_AND_HOLD("Buy and hold",
            "B_t = E_0 * p_t / p_0 at the same marks, with p_t the traded coin's price (no leverage, fees"
                    + " or funding); its return, CAGR, volatility, Sharpe and drawdown use the formulas above."),
    CAPTURE("Cycle capture",
            "capture = cycle net P&L / (Q * |H - E|) for each completed cycle (Q its base quantity, E its"
                    + " average entry, H its extreme price); the ideal capture is 1 - hedge ratio (docs/strategy.md,"
                    + " Cycles and capture). Cycles with H = E have no gain to capture and are left out. Shown as the mean,"
                    + " the median and the pooled capture sum of P&L / sum of Q * |H - E|, which a cycle stopped out"
                    + " with a tiny gain cannot dominate."),
    PERIOD_RETURNS("Monthly and yearly returns",
            "E_end / E_start - 1 per UTC calendar month or year, with E_end the last mark of the period and E_start"
                    + " the last mark of the period before (E_0 for the first); a mark at a bar's close belongs to the"
                    + " period of the millisecond before it. The periods compound to the total return; a period the"
                    + " marks do not cover from start to end is marked partial."),
    ROLLING("Rolling Sharpe ratio and volatility",
            "the Sharpe ratio and the volatility above over the trailing W returns at each mark, W = 30 days of"
                    + " bars (720 at 1h, 180 at 4h, 30 at 1d)."),
    VALUE_AT_RISK("Value at risk",
            "historical VaR at level c: the (1 - c) quantile (linear interpolation) of the bar returns or of the"
                    + " returns per UTC day; CVaR (expected shortfall): the mean of the returns at or below VaR. Losses"
                    + " are negative numbers; no distribution is assumed."),
    DRAWDOWN_EPISODES("Worst drawdowns",
            "each stretch from a running peak to the first later mark at or above it (the recovery) or to the last"
                    + " mark; its depth is 1 - E_trough / E_peak and its length peak to recovery. The 5 deepest are"
                    + " listed; the deepest is the max drawdown."),
    EXCURSIONS("MAE and MFE",
            "per cycle, from the high and low of every bar it was open in (entry and exit bars included):"
                    + " for the bull thesis MFE = max high / E - 1 and MAE = min low / E - 1, for the bear thesis"
                    + " MFE = 1 - min low / E and MAE = 1 - max high / E; the price's excursion, not the hedged"
                    + " position's P&L."),
    PATH_INTERVAL("Path interval",
            "the run repeated under each intrabar path mode (bullish-low-first, high-first, low-first, worst-case)"
                    + " with the same config, data and seed; the interval is the min and max of final equity, return"
                    + " and max drawdown over the four. They disagree materially when max / min final equity is above"
                    + " 1.25 or the returns differ in sign."),
    PSR("Probabilistic Sharpe ratio",
            "PSR = Phi((SR - SR*) * sqrt(n - 1) / sqrt(1 - skew * SR + (kurtosis - 1) / 4 * SR^2)) with SR*"
                    + " = 0: the probability that the true Sharpe ratio is above 0 (Bailey and Lopez de Prado 2012)."),
    MIN_TRACK_RECORD("Minimum track record length",
            "MinTRL = 1 + (1 - skew * SR + (kurtosis - 1) / 4 * SR^2) * (z_0.95 / (SR - SR*))^2 bars, with"
                    + " z_0.95 = Phi^-1(0.95): how many bars it takes for PSR to reach 0.95; infinite when SR <= 0."),
    DEFLATED_SHARPE("Deflated Sharpe ratio",
            "DSR = PSR with SR* = sqrt(V) * ((1 - g) * Phi^-1(1 - 1/N) + g * Phi^-1(1 - 1/(N e))), where N is"
                    + " the number of configurations tried, V the variance of their per-bar Sharpe ratios and g ="
                    + " 0.5772 the Euler-Mascheroni constant (Bailey and Lopez de Prado 2014)."),
    BOOTSTRAP("Bootstrap intervals",
            "stationary bootstrap (Politis and Romano 1994): B resampled series of the n returns, built from"
                    + " blocks of geometric length with mean L = round(n^(1/3)) bars, wrapping around; each"
                    + " interval is the (1 - c)/2 and (1 + c)/2 percentiles (linear interpolation) of the"
                    + " resampled annualised Sharpe ratio or max drawdown, c = 0.95; the seed is the run's."),
    SAMPLE_WARNINGS("Sample-size warnings",
            "raised when the marks span less than 365 days, when there are fewer returns than MinTRL, when"
                    + " the Sharpe interval contains 0, and when there are fewer than 30 round trips or 10 completed"
                    + " cycles.");

    private final String title;
    private final String text;

    Formula(String title, String text) {
        this.title = title;
        this.text = text;
    }

    /** Short human name, e.g. "Sharpe ratio". */
    public String title() {
        return title;
    }

    /** The definition as plain text. */
    public String text() {
        return text;
    }
}
