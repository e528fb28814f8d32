package io.hypertrader.live.runner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.data.Database;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.SharedBudgetTransport;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.time.ClockWatch;
import io.hypertrader.live.time.TimeChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the local clock says what time it is (issue 10 point 7): the exchange's clock against ours
 * through the fake's Date header, and bars that are due but do not arrive, on an injected clock
 * shared by the runner and the fake (nothing sleeps).
 */
class TimeChecksTest {

    static final Coin BTC = Coin.of("BTC");
    static final long MIN = 60_000;
    /** A whole minute (and second), so the expected figures are exact. */
    static final long T = 28_333_334L * MIN;

    final AtomicLong clock = new AtomicLong(T);
    FakeHyperliquid fake;
    SharedBudgetTransport transport;
    final List<String> warnings = new ArrayList<>();
    final List<String[]> journal = new ArrayList<>();

    @TempDir
    Path dir;

    Database db;

    @BeforeEach
    void start() throws Exception {
        db = Database.inMemory();
        fake = FakeHyperliquid.start(Network.TESTNET, clock::get);
        transport = SharedBudgetTransport.create(fake.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        db.close();
    }

    void journal(String kind, String coin, String detail) {
        journal.add(new String[]{kind, coin, detail});
    }

    List<String> lines(String kind) {
        return journal.stream().filter(e -> e[0].equals(kind)).map(e -> e[2]).toList();
    }

    @Test
    void theSkewIsMeasuredFromTheDateHeaderAtStartAndHourlyAndWarnedAboveTwoSeconds() {
        AtomicInteger probes = new AtomicInteger();
        fake.setInfoHandler("allMids", body -> {
            probes.incrementAndGet();
            return JsonNodeFactory.instance.objectNode().put("BTC", "30000.0");
        });
        ClockWatch watch = new ClockWatch(transport::serverDateMs, clock::get);

        // in step: the Date header says T exactly; with whole seconds the estimate is T + 0.5 s, give or take 0.5 s
        assertThat(watch.check(clock.get(), this::journal, warnings::add)).hasValue(new ClockWatch.Skew(500, 500));
        assertThat(warnings).isEmpty();
        assertThat(lines("clock")).containsExactly("in step: the exchange's clock is 0.5 s ahead of this machine's (+-0.5 s), within"
                + " the limit 2.0 s");

        // the exchange's clock runs 5 s ahead from now on: nothing is measured before the hour is up
        fake.setDateOffsetMs(5_000L);
        clock.addAndGet(59 * MIN);
        assertThat(watch.check(clock.get(), this::journal, warnings::add)).isEmpty();
        assertThat(probes.get()).isEqualTo(1);
        clock.addAndGet(MIN);
        assertThat(watch.check(clock.get(), this::journal, warnings::add)).hasValue(new ClockWatch.Skew(5_500, 500));
        assertThat(probes.get()).isEqualTo(2);
        assertThat(warnings).containsExactly("warning: clock: the exchange's clock is 5.5 s ahead of this machine's (+-0.5 s), over the"
                + " limit 2.0 s; bars close and orders are timed by this machine's clock: synchronise it (NTP)");
        assertThat(lines("clock")).last().isEqualTo(warnings.get(0).substring("warning: ".length()));

        // behind by 3 s: the estimate is 2.5 s behind, still over the limit
        fake.setDateOffsetMs(-3_000L);
        clock.addAndGet(60 * MIN);
        assertThat(watch.check(clock.get(), this::journal, warnings::add)).hasValue(new ClockWatch.Skew(-2_500, 500));
        assertThat(warnings).hasSize(2).last().asString().contains("2.5 s behind this machine's");

        // back in step is said once; a server without a Date header is said once, not measured
        fake.setDateOffsetMs(1_000L);
        clock.addAndGet(60 * MIN);
        watch.check(clock.get(), this::journal, warnings::add);
        assertThat(lines("clock")).last().asString().startsWith("back in step: the exchange's clock is 1.5 s ahead");
        fake.setDateOffsetMs(null);
        clock.addAndGet(60 * MIN);
        assertThat(watch.check(clock.get(), this::journal, warnings::add)).isEmpty();
        clock.addAndGet(60 * MIN);
        watch.check(clock.get(), this::journal, warnings::add);
        assertThat(lines("clock").stream().filter(l -> l.contains("no Date header"))).hasSize(1);
        assertThat(warnings).hasSize(2);

        // an unreachable exchange is journaled and retried a minute later, not thrown
        fake.setDateOffsetMs(0L);
        ClockWatch down = new ClockWatch(() -> {
            throw new TransportException(TransportException.Kind.NOT_DELIVERED, "connection refused", 0, -1, null);
        }, clock::get);
        assertThat(down.check(clock.get(), this::journal, warnings::add)).isEmpty();
        assertThat(lines("clock")).last().asString().contains("skew not measured: the exchange did not answer (connection refused)");
    }

    /** 1m bars of BTC, the first opening at {@code from}, {@code n} of them. */
    static List<Candle> bars(long from, int n) {
        return LiveFixtures.candles(3, n, from + (n + 1) * MIN, 30_000);
    }

    PaperRunner paper(LiveStore store, StringWriter out, RunnerBase.Sleeper sleeper, TimeChecks checks) {
        TradingPlan plan = LiveFixtures.plan(BTC, Interval.M1, "ab12cd34ef56" + "0".repeat(52));
        String id = store.newDeploymentId(LiveStore.Stage.PAPER, plan.hash());
        store.insert(new LiveStore.Deployment(id, LiveStore.Stage.PAPER, plan.hash(), "test", null, plan.json(), null, "created", T, null,
                "test", 42L, plan.initialEquity(), null, null, null, null, null));
        PaperRunner r = new PaperRunner(store, store.deployment(id).orElseThrow(), plan, checks.observe(new RestMarketFeed(transport)),
                StopControl.besideDatabase(dir.resolve("live.duckdb")), clock::get, sleeper, new PrintWriter(out, true));
        r.watchTime(checks);
        return r;
    }

    TimeChecks checks() {
        TradingPlan plan = LiveFixtures.plan(BTC, Interval.M1, "ab12cd34ef56" + "0".repeat(52));
        return TimeChecks.of(plan, transport::serverDateMs, clock::get, 2_000, warnings::add);
    }

    @Test
    void aServerWhoseDataEndedEarlierIsALoudWarningNotNinetySecondsOfSilence() throws Exception {
        // the server's newest BTC 1m bar opened an hour ago (a replay whose data ended): nothing new will arrive
        fake.serveCandles("BTC", "1m", bars(T - 160 * MIN, 100));
        LiveStore store = new LiveStore(DbAccess.of(db));
        StringWriter out = new StringWriter();
        PaperRunner r = paper(store, out, ms -> clock.addAndGet(ms), checks());
        RunnerBase.Outcome o = r.run(new RunnerBase.Settings(2_000, 0, 90_000));
        assertThat(o.liveBars()).isZero();
        String id = r.deployment.id();
        List<LiveStore.Entry> feed = store.journal(id).stream().filter(e -> e.kind().equals("feed")).toList();
        // within 90 s: at the first loop, and once more after a minute (the repeat period of 1m bars)
        assertThat(feed).hasSize(2);
        // warm-up asked for the last few minutes and got nothing; the warning names the newest due bar and what the server has
        String first = "feed: BTC 1m bar " + Instant.ofEpochMilli(T - 2 * MIN) + " (closing " + Instant.ofEpochMilli(T - MIN - 1)
                + ") was due at " + Instant.ofEpochMilli(T - 45_000) + " and has not arrived; no BTC 1m bar is recorded yet; the newest"
                + " bar the server has opened at " + Instant.ofEpochMilli(T - 61 * MIN);
        assertThat(feed.get(0).detail()).isEqualTo(first);
        assertThat(feed.get(0).coin()).isEqualTo("BTC");
        assertThat(feed.get(0).wallMs()).isEqualTo(T);
        assertThat(feed.get(1).wallMs()).isEqualTo(T + MIN);
        assertThat(feed.get(1).detail()).startsWith("feed: BTC 1m bar " + Instant.ofEpochMilli(T - MIN) + " ");
        assertThat(warnings).filteredOn(w -> w.startsWith("warning: feed:")).hasSize(2).first().isEqualTo("warning: " + first);
        // the clock check ran at start (the Date header agrees with the shared clock)
        assertThat(store.journal(id).stream().filter(e -> e.kind().equals("clock")).map(LiveStore.Entry::detail))
                .containsExactly("in step: the exchange's clock is 0.5 s ahead of this machine's (+-0.5 s), within the limit 2.0 s");
    }

    @Test
    void aBarThatIsLateIsWarnedAboutOnceAndItsArrivalIsJournaledAndBarsOnTimeAreSilent() throws Exception {
        // bars up to the one opening at T + 2 min; the server then stalls: T + 3 min is missing until T + 6 min
        fake.serveCandles("BTC", "1m", bars(T - 100 * MIN, 103));
        LiveStore store = new LiveStore(DbAccess.of(db));
        StringWriter out = new StringWriter();
        PaperRunner r = paper(store, out, ms -> {
            if (clock.addAndGet(ms) >= T + 6 * MIN) {
                fake.serveCandles("BTC", "1m", bars(T - 100 * MIN, 120)); // the feed comes back with everything
            }
        }, checks());
        RunnerBase.Outcome o = r.run(new RunnerBase.Settings(2_000, 0, 8 * MIN));
        String id = r.deployment.id();
        assertThat(o.liveBars()).as("every bar closed in the 8 minutes arrived in the end (T .. T+6 min)").isEqualTo(7);
        List<LiveStore.Entry> feed = store.journal(id).stream().filter(e -> e.kind().equals("feed")).toList();
        long missing = T + 3 * MIN;
        // the bars before the stall came on time: the first line is the missing bar, one warning per minute while it is missing
        assertThat(feed).hasSize(3);
        assertThat(feed.get(0).detail()).startsWith("feed: BTC 1m bar " + Instant.ofEpochMilli(missing) + " (closing "
                + Instant.ofEpochMilli(missing + MIN - 1) + ") was due at " + Instant.ofEpochMilli(missing + MIN + 15_000)
                + " and has not arrived; 1 bar missing; the newest bar the server has opened at " + Instant.ofEpochMilli(missing - MIN));
        // the runner asked at T+4:16 (after the due time) and did not get it: the next loop says so
        assertThat(feed.get(0).wallMs()).isEqualTo(missing + MIN + 18_000);
        assertThat(feed.get(1).wallMs()).isEqualTo(missing + 2 * MIN + 18_000);
        assertThat(feed.get(1).detail()).contains("2 bars missing");
        assertThat(feed.get(2).detail()).isEqualTo("feed: BTC 1m bars arrived again: the newest recorded opened at "
                + Instant.ofEpochMilli(T + 5 * MIN) + ", 107 s after " + Instant.ofEpochMilli(missing) + " was due");
        assertThat(warnings).filteredOn(w -> w.startsWith("warning: feed")).hasSize(2);
        assertThat(warnings).last().isEqualTo(feed.get(2).detail());
    }
}
