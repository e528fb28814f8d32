package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Brings a coin's candles (and, for perps, funding and meta) from Hyperliquid into the store,
 * fetching only what is missing.
 *
 * <p>The wanted window is a run of bar opens: the most recent N bars ({@code --candles}, counting
 * the still-forming one, which is never stored) or the bars of [from, to]. Only the most recent
 * 5000 bars of each interval exist at the exchange; a window reaching further back is cut there
 * with a note, and one wholly before it is refused (DATA_MISSING, naming the import command).
 * The store's missing runs in that window are fetched run by run, page by page, each page written
 * in its own transaction, so an interrupted fetch leaves a consistent file and the next fetch
 * resumes where it stopped. Funding resumes after the last stored settlement of the window.
 */
public final class MarketDataFetcher {
    /** Bars per (coin, interval) that Hyperliquid keeps, the forming one included. */
    public static final int EXCHANGE_WINDOW = 5000;

    /**
     * What to fetch: {@code candles} (most recent N) or {@code fromMs}/{@code toMs} (UTC epoch ms;
     * to null = now); {@code funding} whether to fetch funding too (perps only).
     */
    public record Request(Coin coin, Interval interval, Integer candles, Long fromMs, Long toMs, boolean funding) {
        public Request {
            Objects.requireNonNull(coin, "coin");
            Objects.requireNonNull(interval, "interval");
            if (candles != null && (fromMs != null || toMs != null)) {
                throw UserError.usage("give either --candles or --from/--to, not both");
            }
            if (candles != null && candles < 1) {
                throw UserError.usage("--candles must be at least 1, got " + candles);
            }
            if (candles != null && candles > EXCHANGE_WINDOW) {
                throw UserError.usage("--candles " + candles + " is more than Hyperliquid keeps: only the most recent "
                        + EXCHANGE_WINDOW + " candles of each coin and interval exist at the exchange. Use --candles "
                        + EXCHANGE_WINDOW + " or less; import older history from a file with: hypertrader data import FILE --coin "
                        + coin + " --interval " + interval);
            }
            if (toMs != null && fromMs == null) {
                throw UserError.usage("--to needs --from");
            }
            if (fromMs != null && toMs != null && toMs < fromMs) {
                throw UserError.usage("--to (" + Instant.ofEpochMilli(toMs) + ") is before --from (" + Instant.ofEpochMilli(fromMs) + ")");
            }
            if (fromMs != null && fromMs < 0) {
                throw UserError.usage("--from must not be before 1970-01-01");
            }
        }

        /** True for perpetuals (spot coins are "@index" or "BASE/QUOTE" and have no funding). */
        public boolean perp() {
            return !coin.name().startsWith("@") && !coin.name().contains("/");
        }
    }

    /** Outcome of one fetch. Times are bar opens, UTC epoch ms. */
    public record Result(long windowFirstOpen, long windowLastOpen, long wantedBars, long missingBefore,
                         int candlesWritten, int candlesNew, long missingAfter, int fundingNew, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Progress callbacks, e.g. for a progress bar or log lines. */
    public interface Listener {
        /** A human line (notes, phases). */
        void info(String line);

        /** Candles: {@code done} of {@code total} missing bars received so far. */
        void candleProgress(long done, long total);

        /** Funding: rows received so far. */
        default void fundingProgress(long done) {
        }

        Listener SILENT = new Listener() {
            @Override
            public void info(String line) {
            }

            @Override
            public void candleProgress(long done, long total) {
            }
        };
    }

    private final HyperliquidInfoClient client;
    private final Network network;
    private final InstantSource clock;
    private final CandleStore candles;
    private final FundingStore funding;
    private final CoinMetaStore meta;

    public MarketDataFetcher(Database db, HyperliquidInfoClient client, Network network, InstantSource clock) {
        this.client = Objects.requireNonNull(client);
        this.network = Objects.requireNonNull(network);
        this.clock = Objects.requireNonNull(clock);
        this.candles = new CandleStore(db, clock);
        this.funding = new FundingStore(db, clock);
        this.meta = new CoinMetaStore(db, clock);
    }

    /** The source name rows fetched from this network carry. */
    public String source() {
        return "hyperliquid-" + network;
    }

    public Result fetch(Request r, Listener listener) {
        Coin coin = r.coin();
        Interval iv = r.interval();
        List<String> notes = new ArrayList<>();
        long now = clock.millis();
        long forming = IntervalGrid.floor(iv, now);
        long lastClosed = IntervalGrid.minus(iv, forming, 1);
        long oldestAvailable = IntervalGrid.minus(iv, forming, EXCHANGE_WINDOW - 1);

        long first;
        long last;
        if (r.fromMs() != null) {
            first = IntervalGrid.floor(iv, r.fromMs());
            if (!IntervalGrid.onGrid(iv, r.fromMs())) {
                first = IntervalGrid.next(iv, first); // the first bar opening at or after --from
            }
            long to = r.toMs() == null ? now : r.toMs();
            // Bars opening in [from, to]; never the forming one.
            last = Math.min(IntervalGrid.floor(iv, to), lastClosed);
        } else {
            int n = r.candles() == null ? EXCHANGE_WINDOW : r.candles();
            first = IntervalGrid.minus(iv, forming, n - 1);
            last = lastClosed;
        }
        if (first > last) {
            throw UserError.usage("no closed " + iv + " candle opens between --from " + Instant.ofEpochMilli(r.fromMs())
                    + " and " + (r.toMs() == null ? "now" : "--to " + Instant.ofEpochMilli(r.toMs()))
                    + " (now is " + Instant.ofEpochMilli(now) + ")");
        }
        if (last < oldestAvailable) {
            throw UserError.dataMissing("Hyperliquid keeps only the most recent " + EXCHANGE_WINDOW + " " + iv
                    + " candles of " + coin + " (the oldest now opens at " + Instant.ofEpochMilli(oldestAvailable)
                    + "); the requested range ends at " + Instant.ofEpochMilli(last)
                    + ", before that. Older data cannot be fetched; import it from a file: hypertrader data import FILE --coin "
                    + coin + " --interval " + iv);
        }
        if (first < oldestAvailable) {
            notes.add("Hyperliquid keeps only the most recent " + EXCHANGE_WINDOW + " " + iv + " candles: bars before "
                    + Instant.ofEpochMilli(oldestAvailable) + " cannot be fetched (import them from a file instead)");
            listener.info(notes.getLast());
            first = oldestAvailable;
        }

        Optional<String> existing = candles.source(coin, iv);
        if (existing.isPresent() && !existing.get().equals(source())) {
            throw UserError.usage(coin + " " + iv + " already holds candles from source '" + existing.get()
                    + "'; refusing to mix in " + source() + " data. Fetch into another database (--db), or remove the series first: "
                    + "hypertrader data delete --coin " + coin + " --interval " + iv);
        }

        if (r.perp()) {
            String dex = coin.name().contains(":") ? coin.name().substring(0, coin.name().indexOf(':')) : null;
            List<CoinMeta> universe = client.meta(dex);
            if (dex == null) {
                meta.replaceAll(network, universe);
            }
            Optional<CoinMeta> m = universe.stream().filter(x -> x.coin().equals(coin)).findFirst();
            if (m.isEmpty()) {
                String names = universe.stream().limit(12).map(x -> x.coin().name()).collect(Collectors.joining(", "));
                throw UserError.usage("coin '" + coin + "' is not a perpetual on Hyperliquid " + network + " (meta lists "
                        + universe.size() + " coins: " + names + (universe.size() > 12 ? ", ..." : "")
                        + "); names are case-sensitive, e.g. BTC, kPEPE");
            }
            if (m.get().delisted()) {
                notes.add(coin + " is delisted on Hyperliquid " + network);
                listener.info(notes.getLast());
            }
        }

        long wanted = IntervalGrid.barsBetween(iv, first, last);
        List<Gap> missing = candles.missing(coin, iv, first, last);
        long missingBefore = missing.stream().mapToLong(Gap::bars).sum();
        listener.info(coin + " " + iv + ": " + wanted + " bars wanted (" + Instant.ofEpochMilli(first) + " .. "
                + Instant.ofEpochMilli(last) + "), " + (wanted - missingBefore) + " already stored, " + missingBefore + " to fetch");
        int[] written = {0, 0};
        long[] done = {0};
        listener.candleProgress(0, missingBefore);
        final long lo = first;
        final long hi = last;
        for (Gap g : missing) {
            client.candles(coin, iv, g.firstMissingMs(), IntervalGrid.closeTime(iv, g.lastMissingMs()), page -> {
                List<Candle> keep = new ArrayList<>(page.size());
                for (HyperliquidWire.WireCandle w : page) {
                    // The forming candle (close in the future) is not final; bars outside the window are not asked for.
                    if (w.closeT() < now && w.t() >= lo && w.t() <= hi) {
                        keep.add(w.toCandle());
                    }
                }
                CandleStore.UpsertResult res = candles.upsert(coin, iv, keep, source(), SeriesSources.FETCH, null);
                written[0] += res.rows();
                written[1] += res.inserted();
                done[0] += res.inserted();
                listener.candleProgress(Math.min(done[0], missingBefore), missingBefore);
            });
        }
        List<Gap> after = candles.missing(coin, iv, first, last);
        long missingAfter = after.stream().mapToLong(Gap::bars).sum();
        if (missingAfter > 0) {
            notes.add(missingAfter + " " + iv + " bars in the window are not available at the exchange (" + after.size()
                    + " gaps, first " + after.getFirst() + ")");
            listener.info(notes.getLast());
        }

        int fundingNew = 0;
        if (r.funding() && r.perp()) {
            long fFrom = first;
            long fTo = Math.min(now, IntervalGrid.closeTime(iv, last));
            List<FundingRate> stored = funding.read(coin, fFrom, fTo + 1);
            long start = fFrom;
            // Resume after the last stored settlement when the stored ones reach back to the window start.
            if (!stored.isEmpty() && stored.getFirst().timeMs() <= fFrom + 3_600_000L + 60_000L) {
                start = stored.getLast().timeMs() + 1;
            }
            if (start <= fTo) {
                long[] got = {0};
                int[] fresh = {0};
                client.funding(coin, start, fTo, page -> {
                    fresh[0] += funding.upsert(coin, page, source(), SeriesSources.FETCH);
                    got[0] += page.size();
                    listener.fundingProgress(got[0]);
                });
                fundingNew = fresh[0];
            }
            listener.info(coin + " funding: " + fundingNew + " new settlements (" + funding.count(coin) + " stored)");
        }
        return new Result(first, last, wanted, missingBefore, written[0], written[1], missingAfter, fundingNew, notes);
    }
}
