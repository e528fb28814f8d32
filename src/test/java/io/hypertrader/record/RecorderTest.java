package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.AssetContextStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.FundingRate;
import io.hypertrader.data.FundingStore;
import io.hypertrader.data.SeriesSources;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import static io.hypertrader.record.RecorderRig.BASE;
import static io.hypertrader.record.RecorderRig.HOUR;
import static io.hypertrader.record.RecorderRig.MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The recorder in this process against the fake exchange replaying real BTC-PERP minutes, on a
 * manual clock: backfill, bars written at their close from the stream and confirmed from REST,
 * funding and contexts, a dropped WebSocket, a recorder abandoned mid-run (what kill -9 leaves).
 */
class RecorderTest {
    @TempDir
    Path dir;
    RecorderRig rig;

    @AfterEach
    void close() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    /** 10:50:05 on the fixture's first day: 650 minutes and 10 hours of history exist. */
    static final long START = BASE + 650 * MIN + 5_000;

    static long at(int hour, int minute) {
        return BASE + hour * HOUR + minute * MIN;
    }

    @Test
    void backfillsThenRecordsEveryCloseFromTheStreamAndConfirmsItFromRest() throws Exception {
        rig = new RecorderRig(dir, START, List.of("1m", "1h"));
        Recorder r = rig.startAndSubscribe(rig.settings());

        // The start is a REST catch-up: all the exchange has (two pages of 1m), exact, and the
        // cursor at the last closed bar.
        rig.assertExact("BTC", Interval.M1, BASE, at(10, 49));
        rig.assertExact("ETH", Interval.H1, BASE, at(9, 0));
        assertThat(rig.query("SELECT verified_up_to_ms FROM recorder_cursor WHERE coin = 'BTC' AND interval = '1m'"))
                .isEqualTo(at(10, 49));
        assertThat(rig.query("SELECT count(*) FROM funding WHERE coin = 'BTC'")).as("settlements 00:00 .. 10:00").isEqualTo(11);

        // Three minutes in 15 s steps: each bar is written when the next one's first update
        // arrives, with the stream's last values, and no REST read is made.
        long restBefore = r.restReads();
        for (int i = 0; i < 12; i++) {
            rig.advance(15_000);
        }
        assertThat(rig.clock.get()).isEqualTo(at(10, 53) + 5_000);
        assertThat(r.restReads()).as("no REST while the stream brings every close").isEqualTo(restBefore);
        List<Candle> btc = rig.stored("BTC", Interval.M1);
        assertThat(btc).extracting(Candle::openTime).endsWith(at(10, 50), at(10, 51), at(10, 52));
        Candle provisional = btc.get(btc.size() - 3);
        Candle exact = rig.market.finalBar("BTC", Interval.M1, at(10, 50));
        assertThat(provisional).as("the stream's last update of 10:50 (pushed at 10:50:50), before confirmation")
                .isEqualTo(rig.market.barAt("BTC", Interval.M1, at(10, 50), at(10, 50) + 50_000))
                .isNotEqualTo(exact);
        assertThat(provisional.low()).isGreaterThanOrEqualTo(exact.low());
        assertThat(provisional.high()).isLessThanOrEqualTo(exact.high());
        assertThat(r.summary(rig.clock.get())).contains("BTC 1m 10:52 (3 unconfirmed)");

        // confirm-after (5 min) past the close of 10:50, at 10:56:05: one REST read per 1m series
        // replaces the stream's values with the exchange's and moves the cursor; later bars stay as
        // the stream wrote them until their turn.
        for (int i = 0; i < 6; i++) {
            rig.advance(60_000);
        }
        assertThat(r.restReads()).as("one confirmation read per 1m series").isEqualTo(restBefore + 2);
        for (String coin : List.of("BTC", "ETH")) {
            assertThat(rig.query("SELECT verified_up_to_ms FROM recorder_cursor WHERE coin = '" + coin + "' AND interval = '1m'"))
                    .isEqualTo(at(10, 55));
            rig.assertExact(coin, Interval.M1, BASE, at(10, 55), at(10, 58));
        }

        // One context per coin and slot, inside the bar's real range: the start's slot read over
        // REST at once, the others from the stream.
        try (Database d = Database.open(rig.db)) {
            List<AssetContext> ctx = new AssetContextStore(d).read(Coin.of("BTC"), at(10, 50), at(10, 59));
            assertThat(ctx).extracting(AssetContext::timeMs).containsExactlyElementsOf(RecorderRig.range(Interval.M1, at(10, 50),
                    at(10, 58)));
            assertThat(ctx).extracting(AssetContext::via).containsExactly("rest", "ws", "ws", "ws", "ws", "ws", "ws", "ws", "ws");
            for (AssetContext c : ctx) {
                Candle bar = rig.market.finalBar("BTC", Interval.M1, c.timeMs());
                assertThat(c.sampledAtMs()).isBetween(c.timeMs(), c.timeMs() + MIN - 1);
                assertThat(c.markPx()).isBetween(bar.low(), bar.high());
                assertThat(c.oraclePx()).isEqualTo(c.markPx() - 2.5);
                assertThat(c.impactBidPx()).isEqualTo(c.markPx() - 1);
            }
        }

        // 11:00:05: the 1h bar of 10:00 closes on the stream; 11:00:35: the 11:00 settlement is read.
        rig.advance(60_000);
        assertThat(rig.stored("BTC", Interval.H1).getLast().openTime()).isEqualTo(at(10, 0));
        rig.advance(30_000);
        try (Database d = Database.open(rig.db)) {
            List<FundingRate> f = new FundingStore(d, InstantSource.system()).read(Coin.of("BTC"), BASE, BASE + 12 * HOUR);
            assertThat(f).hasSize(12).last().isEqualTo(rig.market.settlement("BTC", at(11, 0)));
            assertThat(SeriesSources.list(d)).filteredOn(e -> e.coin().name().equals("BTC"))
                    .extracting(SeriesSources.Entry::dataset, SeriesSources.Entry::interval, SeriesSources.Entry::writer)
                    .containsExactlyInAnyOrder(tuple("candles", "1m", "record"), tuple("candles", "1h", "record"),
                            tuple("funding", "", "record"), tuple("asset_ctx", "", "record"));
        }
        // Six minutes on, the 1h bar is confirmed too.
        for (int i = 0; i < 6; i++) {
            rig.advance(60_000);
        }
        rig.assertExact("BTC", Interval.H1, BASE, at(10, 0));
        long cursor = rig.query("SELECT verified_up_to_ms FROM recorder_cursor WHERE coin = 'BTC' AND interval = '1m'");
        assertThat(cursor).isEqualTo(at(11, 1));
        rig.assertExact("BTC", Interval.M1, BASE, cursor, at(11, 5));
        assertThat(rig.warnings).isEmpty();
    }

    @Test
    void aDroppedWebSocketIsCaughtUpOverRestWithoutGapOrDuplicate() throws Exception {
        rig = new RecorderRig(dir, START, List.of("1m", "1h"));
        Recorder r = rig.startAndSubscribe(rig.settings());
        for (int i = 0; i < 4; i++) {
            rig.advance(15_000);
        }
        // 10:51:05: the socket drops; for three market minutes nothing is pushed, and the
        // exchange's REST fails twice in a row once.
        rig.fake.dropWebSockets();
        Await.until("reconnect", () -> r.socket().connectionCount() == 2 && rig.fake.webSocketCount() == 1);
        rig.fake.inject("/info", FakeHyperliquid.Fault.HTTP_502_BEFORE, 2);
        for (int i = 0; i < 6; i++) {
            rig.advanceSilently(30_000);
        }
        assertThat(rig.warnings).anyMatch(w -> w.contains("websocket disconnected"))
                .anyMatch(w -> w.contains("BTC 1m: REST catch-up failed") && w.contains("retrying in 5s"));
        // 10:54:05: bars that closed while the stream was away were read over REST once the close
        // grace (10 s) had passed, exact (10:53 is not 10 s old yet); empty context slots were
        // filled over REST 20 s into each (10:51 had its sample from the stream before the drop).
        rig.assertExact("BTC", Interval.M1, BASE, at(10, 52));
        rig.assertExact("ETH", Interval.M1, BASE, at(10, 52));
        try (Database d = Database.open(rig.db)) {
            List<AssetContext> ctx = new AssetContextStore(d).read(Coin.of("ETH"), at(10, 51), at(10, 54));
            assertThat(ctx).extracting(AssetContext::timeMs, AssetContext::via)
                    .containsExactly(tuple(at(10, 51), "ws"), tuple(at(10, 52), "rest"), tuple(at(10, 53), "rest"));
        }
        // The stream is back: closes come from it again, contiguous with what REST brought.
        for (int i = 0; i < 8; i++) {
            rig.advance(15_000);
        }
        rig.assertExact("BTC", Interval.M1, BASE, at(10, 53), at(10, 55));
        assertThat(r.summary(rig.clock.get())).contains("ws up", "1 reconnects", "BTC 1m 10:55 (2 unconfirmed)");
    }

    @Test
    void aRecorderAbandonedMidRunIsResumedWithoutGapOrDuplicate() throws Exception {
        rig = new RecorderRig(dir, START, List.of("1m", "1h"));
        rig.startAndSubscribe(rig.settings());
        for (int i = 0; i < 8; i++) {
            rig.advance(15_000);
        }
        assertThat(rig.stored("BTC", Interval.M1)).extracting(Candle::openTime).endsWith(at(10, 50), at(10, 51));
        // What kill -9 leaves: provisional bars, the cursor before them, a status row never stopped.
        rig.recorder.socket().close();
        assertThat(rig.query("SELECT count(*) FROM recorder_status WHERE stopped_at_ms IS NULL")).isEqualTo(1);

        rig.clock.set(at(10, 59) + 5_000);
        rig.startAndSubscribe(rig.settings());
        for (String coin : List.of("BTC", "ETH")) {
            rig.assertExact(coin, Interval.M1, BASE, at(10, 58));
            rig.assertExact(coin, Interval.H1, BASE, at(9, 0));
        }
        assertThat(rig.query("SELECT count(*) FROM funding")).isEqualTo(22);
        rig.advance(30_000);
        rig.advance(30_000);
        try (Database d = Database.open(rig.db)) {
            // Contexts have no history at the exchange: the slots the recorder was away for stay empty.
            assertThat(new AssetContextStore(d).read(Coin.of("BTC"), at(10, 50), at(11, 1))).extracting(AssetContext::timeMs)
                    .containsExactly(at(10, 50), at(10, 51), at(10, 52), at(10, 59), at(11, 0));
        }
        assertThat(rig.warnings).isEmpty();
    }
    @Test
    void aRestartAfterTheCandlesButBeforeTheFirstSettlementsStillReadsTheSettlementsBehindThem() throws Exception {
        // What a kill -9 between the first candle write and the first funding write leaves: bars
        // confirmed up to 10:49, no settlement. The candle resume point is 10:50; the funding
        // history must still start where the coin's candles start, not there.
        rig = new RecorderRig(dir, START, List.of("1m", "1h"));
        rig.startAndSubscribe(rig.settings());
        rig.recorder.socket().close();
        rig.execute("DELETE FROM funding");

        rig.clock.set(at(10, 59) + 5_000);
        rig.startAndSubscribe(rig.settings());
        assertThat(rig.query("SELECT count(*) FROM funding WHERE coin = 'ETH'")).as("settlements 00:00 .. 10:00").isEqualTo(11);
        assertThat(rig.query("SELECT min(time_ms) FROM funding WHERE coin = 'BTC'") / HOUR).isEqualTo(BASE / HOUR);
    }
}
