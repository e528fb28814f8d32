package io.hypertrader.analytics;

/**
 * How the statistical-honesty figures are computed.
 *
 * @param seed               seed of the bootstrap (use the run's seed: same run, same interval)
 * @param bootstrapSamples   number of bootstrap resamples (1000 by default); 0 = no bootstrap (the intervals
 *                           are NaN): a sweep ranks thousands of runs by point estimates, and the
 *                           resampling would cost several times the backtest itself
 * @param meanBlockLength    mean block length in bars of the stationary bootstrap; 0 = round(n^(1/3))
 * @param confidence         level of the bootstrap intervals and of the minimum track record (0.95)
 * @param trials             configurations tried to find this one (1 for a single run; a sweep's grid size)
 * @param trialSharpeVariance variance of the per-bar Sharpe ratios across those trials (NaN when trials = 1)
 */
public record AnalysisOptions(long seed, int bootstrapSamples, double meanBlockLength, double confidence,
                              long trials, double trialSharpeVariance) {
    public AnalysisOptions {
        if (bootstrapSamples != 0 && bootstrapSamples < 10) {
            throw new IllegalArgumentException("bootstrapSamples must be 0 (none) or >= 10, got " + bootstrapSamples);
        }
        if (!(meanBlockLength == 0 || meanBlockLength >= 1)) {
            throw new IllegalArgumentException("meanBlockLength must be 0 (auto) or >= 1, got " + meanBlockLength);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), got " + confidence);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        if (trials > 1 && !(trialSharpeVariance >= 0)) {
            throw new IllegalArgumentException("trialSharpeVariance must be >= 0 when trials > 1, got " + trialSharpeVariance);
        }
    }

    /** A single run: 1000 resamples, automatic block length, 95 %, one trial. */
    public static AnalysisOptions single(long seed) {
        return new AnalysisOptions(seed, 1000, 0, 0.95, 1, Double.NaN);
    }

    /** Point estimates only (no bootstrap intervals), one trial: what a sweep computes per run. */
    public static AnalysisOptions pointEstimates(long seed) {
        return new AnalysisOptions(seed, 0, 0, 0.95, 1, Double.NaN);
    }

    /** The same options for a configuration picked out of {@code trials} with Sharpe variance {@code variance}. */
    public AnalysisOptions withTrials(long trials, double variance) {
        return new AnalysisOptions(seed, bootstrapSamples, meanBlockLength, confidence, trials, variance);
    }
}
