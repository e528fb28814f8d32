package io.hypertrader.backtest.analysis;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.CandleFiles;
import io.hypertrader.data.SharedData;

import java.util.concurrent.ConcurrentHashMap;

/** Test fixture: the first bars of the real BTC-USD hourly candles (Coinbase, 2017-2019), read once. */
public final class RealCandles {
    private static final ConcurrentHashMap<Integer, CandleSeries> CACHE = new ConcurrentHashMap<>();

    private RealCandles() {
    }

    /** The first {@code bars} hourly BTC candles, from 2017-11-13. */
    public static CandleSeries btcHourly(int bars) {
        return CACHE.computeIfAbsent(bars, n -> {
            CandleSeries all = CandleSeries.of(Coin.of("BTC"), Interval.H1, CandleFiles.read(
                    SharedData.file("coinbase-btcusd-1h-2017-2019.csv"), Coin.of("BTC"), Interval.H1, Long.MAX_VALUE).candles());
            return all.slice(0, Math.min(n, all.size()));
        });
    }
}
