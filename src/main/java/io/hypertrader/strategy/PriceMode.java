package io.hypertrader.strategy;

/**
 * Which prices a strategy sees. CLOSE: one price per bar, its close. INTRABAR: every price point
 * of the bar path (open, the two extremes in path order, close) and, because the path is linear
 * between points, the exact moments it crosses one of the strategy's own trigger prices (what a
 * live strategy watching every streamed mid would see).
 */
public enum PriceMode {
    CLOSE,
    INTRABAR
}
