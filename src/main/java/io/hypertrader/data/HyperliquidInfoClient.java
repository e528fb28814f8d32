package io.hypertrader.data;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Hyperliquid's public /info queries for market data: {@code candleSnapshot} (paginated),
 * {@code fundingHistory} (paginated), {@code meta} and {@code metaAndAssetCtxs}, over a shared
 * {@link HttpTransport}.
 *
 * <p>Pages hold an unknown, small number of rows (the docs cap time-range answers at 500;
 * candle answers at 5000), so both paginated queries loop: request [cursor, end], drop rows
 * already seen (the first candle of a page may be the last of the previous one, since the
 * exchange returns every candle overlapping the range), hand the new rows to the sink, and move
 * the cursor past the last row ({@code T + 1} for candles, {@code time + 1} for funding). They
 * stop when the range is covered, a page is empty, or a page brings nothing new. Each page's
 * item-dependent weight (1 per 60 candles, 1 per 20 funding rows) is charged after it arrives.
 */
public final class HyperliquidInfoClient {
    /** Base weight of every query used here (docs, rate limits). */
    static final int BASE_WEIGHT = 20;
    /** Safety net against a server that keeps returning "new" rows forever. */
    static final int MAX_PAGES = 10_000;

    private final HttpTransport transport;

    /** Receives each page's new rows, ascending by time, as soon as the page arrives. */
    @FunctionalInterface
    public interface PageSink<T> {
        void accept(List<T> rows);
    }

    public HyperliquidInfoClient(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport);
    }

    public HttpTransport transport() {
        return transport;
    }

    /** The perp universe of the default dex (or of {@code dex} when non-empty), asset index = position. */
    public List<CoinMeta> meta(String dex) {
        String d = dex == null || dex.isEmpty() ? "" : " dex " + dex;
        return transport.post(HttpTransport.Call.info(HyperliquidWire.metaRequest(dex), BASE_WEIGHT, "meta" + d),
                HyperliquidWire::parseMeta);
    }

    /** Every listed perp's current asset context (metaAndAssetCtxs), stamped {@code timeMs}. */
    public List<AssetContext> assetContexts(long timeMs) {
        return transport.post(HttpTransport.Call.info(HyperliquidWire.metaAndAssetCtxsRequest(), BASE_WEIGHT, "metaAndAssetCtxs"),
                body -> HyperliquidWire.parseMetaAndAssetCtxs(body, timeMs));
    }

    /**
     * Fetches every candle overlapping [startMs, endMs] page by page; returns the number of
     * distinct candles delivered. Includes the still-forming candle when endMs reaches it: the
     * caller decides what is final.
     */
    public int candles(Coin coin, Interval interval, long startMs, long endMs, PageSink<HyperliquidWire.WireCandle> sink) {
        if (startMs < 0 || endMs < startMs) {
            throw new IllegalArgumentException("bad candle range " + startMs + ".." + endMs);
        }
        Set<Long> seen = new HashSet<>();
        long cursor = startMs;
        int total = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            String desc = "candleSnapshot " + coin + " " + interval + " " + Instant.ofEpochMilli(cursor) + ".." + Instant.ofEpochMilli(endMs);
            HttpTransport.Call call = HttpTransport.Call.info(
                    HyperliquidWire.candleSnapshotRequest(coin, interval.code(), cursor, endMs), BASE_WEIGHT, desc);
            List<HyperliquidWire.WireCandle> rows = transport.post(call, body -> {
                List<HyperliquidWire.WireCandle> l = HyperliquidWire.parseCandles(body);
                for (HyperliquidWire.WireCandle c : l) {
                    if (!c.coin().equals(coin.name()) || !c.interval().equals(interval.code())) {
                        throw new MalformedResponseException(desc + ": got a " + c.coin() + " " + c.interval() + " candle");
                    }
                }
                return l;
            });
            transport.budget().charge(rows.size() / 60);
            if (rows.isEmpty()) {
                break;
            }
            List<HyperliquidWire.WireCandle> fresh = new ArrayList<>();
            long lastClose = Long.MIN_VALUE;
            for (HyperliquidWire.WireCandle c : rows) {
                lastClose = Math.max(lastClose, c.closeT());
                if (seen.add(c.t())) {
                    fresh.add(c);
                }
            }
            if (fresh.isEmpty()) {
                break;
            }
            fresh.sort(Comparator.comparingLong(HyperliquidWire.WireCandle::t));
            sink.accept(fresh);
            total += fresh.size();
            if (lastClose >= endMs || lastClose < cursor) {
                break;
            }
            cursor = lastClose + 1;
        }
        return total;
    }

    /**
     * Fetches the funding settlements with time in [startMs, endMs] page by page; returns the
     * number of distinct rows delivered.
     */
    public int funding(Coin coin, long startMs, long endMs, PageSink<FundingRate> sink) {
        if (startMs < 0 || endMs < startMs) {
            throw new IllegalArgumentException("bad funding range " + startMs + ".." + endMs);
        }
        Set<Long> seen = new HashSet<>();
        long cursor = startMs;
        int total = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            String desc = "fundingHistory " + coin + " " + Instant.ofEpochMilli(cursor) + ".." + Instant.ofEpochMilli(endMs);
            List<FundingRate> rows = transport.post(
                    HttpTransport.Call.info(HyperliquidWire.fundingHistoryRequest(coin, cursor, endMs), BASE_WEIGHT, desc),
                    body -> HyperliquidWire.parseFunding(body, coin));
            transport.budget().charge(rows.size() / 20);
            List<FundingRate> fresh = new ArrayList<>();
            long last = Long.MIN_VALUE;
            for (FundingRate r : rows) {
                if (r.timeMs() > endMs || r.timeMs() < startMs) {
                    continue;
                }
                last = Math.max(last, r.timeMs());
                if (seen.add(r.timeMs())) {
                    fresh.add(r);
                }
            }
            if (fresh.isEmpty()) {
                break;
            }
            fresh.sort(Comparator.comparingLong(FundingRate::timeMs));
            sink.accept(fresh);
            total += fresh.size();
            if (last >= endMs || last < cursor) {
                break;
            }
            cursor = last + 1;
        }
        return total;
    }
}
