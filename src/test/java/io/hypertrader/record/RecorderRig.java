package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.HttpTransport;
import io.hypertrader.data.HyperliquidInfoClient;
import io.hypertrader.data.TransportClock;
import io.hypertrader.data.WeightBudget;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeMarket;
import io.hypertrader.testsupport.Await;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recorder in this process against the fake exchange, on a manual market clock: the test moves
 * the clock, lets the market push what changed ({@link #advance}), waits until the socket has
 * delivered it, and runs one {@link Recorder#step}. Nothing sleeps for a fixed time: waits are
 * for a condition (a push received, a reconnect), with a 10 s limit.
 */
final class RecorderRig implements AutoCloseable {
    static final long MIN = FakeMarket.MINUTE;
    static final long HOUR = FakeMarket.HOUR;
    /** The fixture's first minute opens here (an hour boundary). */
    static final long BASE = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    static final String SOURCE = "hyperliquid-mainnet";

    final AtomicLong clock;
    final FakeHyperliquid fake;
    final FakeMarket market;
    final Path db;
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
    final List<String> info = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<String> intervals;
    Recorder recorder;

    RecorderRig(Path dir, long startMs, List<String> intervals) throws Exception {
        this.clock = new AtomicLong(startMs);
        this.intervals = intervals;
        this.fake = FakeHyperliquid.start(Network.MAINNET, clock::get);
        this.market = new FakeMarket(clock::get, BASE, intervals);
        market.install(fake);
        this.db = dir.resolve("rec.duckdb");
    }

    RecordSettings settings(String... extra) {
        return RecordSettings.resolve(null, new RecordSettings.Given(List.of("BTC", "ETH"), intervals, null, null, null, null, null,
                extra.length > 0 ? extra[0] : null, null));
    }

    HyperliquidInfoClient rest() {
        // quick retries: a test that breaks the exchange should not wait for production backoff
        TransportClock tc = TransportClock.system();
        HttpTransport t = new HttpTransport(fake.baseUrl(), new HttpTransport.Settings(2, Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                new WeightBudget(1_000_000, tc), tc, new SplittableRandom(1));
        return new HyperliquidInfoClient(t);
    }

    Recorder open(RecordSettings s) {
        Recorder.Log log = new Recorder.Log() {
            @Override
            public void info(String line) {
                info.add(line);
            }

            @Override
            public void warn(String line) {
                warnings.add(line);
            }
        };
        recorder = new Recorder(s, DbAccess.file(db), SOURCE, rest(), clock::get, log,
                l -> new HyperliquidWebSocket(http, fake.wsUrl(), new HyperliquidWebSocket.Settings(Duration.ofMillis(200),
                        Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(100)), l, System::currentTimeMillis));
        return recorder;
    }

    /** Starts the recorder, runs its first step (the catch-up) and waits for its subscriptions. */
    Recorder startAndSubscribe(RecordSettings s) throws InterruptedException {
        int before = fake.subscribeCount();
        open(s).start();
        recorder.step();
        int subs = 2 * intervals.size() + (s.contextsEveryMs() > 0 ? 2 : 0);
        Await.until("subscriptions", () -> fake.subscribeCount() >= before + subs);
        return recorder;
    }

    /** Moves the market clock, pushes the market's state and steps once the recorder has it. */
    void advance(long ms) throws InterruptedException {
        clock.addAndGet(ms);
        publishAndStep();
    }

    void publishAndStep() throws InterruptedException {
        long seen = recorder.streamMessages();
        market.publish(fake);
        int expected = 2 * intervals.size() + 2;
        Await.until("pushes", () -> recorder.streamMessages() >= seen + expected);
        recorder.step();
    }

    /** Moves the clock with the stream silent (no pushes) and steps. */
    void advanceSilently(long ms) {
        clock.addAndGet(ms);
        recorder.step();
    }



    // ------------------------------------------------------------------ the database, read by the test

    List<Candle> stored(String coin, Interval iv) {
        try (Database d = Database.open(db)) {
            return new CandleStore(d, InstantSource.system()).candles(Coin.of(coin), iv, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    void execute(String sql) {
        try (Database d = Database.open(db); Statement st = d.connection().createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long query(String sql) {
        try (Database d = Database.open(db); Statement st = d.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The stored series holds every bar from {@code firstOpen} to {@code lastOpen} once (no gap,
     * no duplicate), and those up to {@code exactUpTo} with the exchange's final values (the rest
     * may still be the stream's last update).
     */
    void assertExact(String coin, Interval iv, long firstOpen, long exactUpTo, long lastOpen) {
        List<Candle> got = stored(coin, iv);
        assertThat(got).as(coin + " " + iv + " bars").extracting(Candle::openTime)
                .containsExactlyElementsOf(range(iv, firstOpen, lastOpen));
        assertThat(got.stream().filter(c -> c.openTime() <= exactUpTo).toList()).as(coin + " " + iv + " final values")
                .containsExactlyElementsOf(market.finalBars(coin, iv, firstOpen, exactUpTo));
        assertThat(query("SELECT count(*) - count(DISTINCT open_time_ms) FROM candles WHERE coin = '" + coin + "' AND interval = '"
                + iv.code() + "'")).as("duplicates").isZero();
    }

    /** Every bar from {@code firstOpen} to {@code lastOpen}, once, with final values. */
    void assertExact(String coin, Interval iv, long firstOpen, long lastOpen) {
        assertExact(coin, iv, firstOpen, lastOpen, lastOpen);
    }

    static List<Long> range(Interval iv, long first, long last) {
        List<Long> out = new ArrayList<>();
        for (long t = first; t <= last; t += iv.millis()) {
            out.add(t);
        }
        return out;
    }

    @Override
    public void close() throws java.io.IOException {
        if (recorder != null && recorder.socket() != null) {
            recorder.socket().close();
        }
        fake.close();
    }
}
