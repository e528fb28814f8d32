package io.hypertrader.backtest.analysis;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.testdata.Fixtures;

/** Test fixture: the first bars of the real BTC-USD hourly candles (Coinbase, 2017-2019), from the project's fixture. */
public final class RealCandles {

    private RealCandles() {
    }

    /** The first {@code bars} (at most 3000) hourly BTC candles, from 2017-11-13. */
    public static CandleSeries btcHourly(int bars) {
        return Fixtures.btcHourlyFirst(bars);
    }
}
