package io.hypertrader.core;

/**
 * One OHLCV bar. Times are UTC epoch milliseconds: {@code openTime} is the bar start and
 * {@code closeTime} its last millisecond (open + interval - 1, as Hyperliquid reports {@code T}).
 * Prices are in quote currency (USDC), volume in base units; {@code trades} is -1 when unknown.
 */
public record Candle(long openTime, long closeTime, double open, double high, double low,
                     double close, double volume, long trades) {

    /**
     * Returns null when the bar is sound, otherwise the reason it is not (used by importers to
     * refuse a file whole, naming the row).
     */
    public String problem() {
        if (!(open > 0) || !(high > 0) || !(low > 0) || !(close > 0)) {
            return "non-positive or missing price";
        }
        if (high < low) {
            return "high " + high + " < low " + low;
        }
        if (high < Math.max(open, close)) {
            return "high " + high + " below open/close";
        }
        if (low > Math.min(open, close)) {
            return "low " + low + " above open/close";
        }
        if (!(volume >= 0) || Double.isInfinite(volume)) {
            return "negative or missing volume " + volume;
        }
        if (closeTime < openTime) {
            return "close time before open time";
        }
        return null;
    }
}
