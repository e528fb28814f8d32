package io.hypertrader.live.venue;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Network;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeHyperliquid.Fault;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.testsupport.Await;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** HyperliquidVenue against the local fake exchange: mapping, fills, lost answers, cancels. */
class HyperliquidVenueTest {

    static final SigningKey KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    static final String ACCOUNT = KEY.address();
    static final Coin BTC = Coin.of("BTC");

    FakeHyperliquid fake;
    AtomicLong clock;
    HyperliquidExchangeClient client;
    List<OrderEvent> events;
    List<String> journal;

    @BeforeEach
    void start() throws Exception {
        clock = new AtomicLong(System.currentTimeMillis());
        fake = FakeHyperliquid.start(Network.TESTNET, clock::get);
        fake.setAnswerDelayMs(1_500);
        fake.addAccount(ACCOUNT, 10_000);
        fake.setMid("BTC", "30000");
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(2)).retryOnConnectionFailure(false).build();
        OkHttpTransport transport = new OkHttpTransport(http, fake.baseUrl());
        TradingInfoClient info = new TradingInfoClient(transport);
        client = new HyperliquidExchangeClient(transport, new HyperliquidSigner(KEY, Network.TESTNET), new NonceSource(clock::get),
                info, info.meta(), ACCOUNT, null, HyperliquidExchangeClient.Settings.DEFAULTS, clock::get, ms -> { });
        events = new ArrayList<>();
        journal = new ArrayList<>();
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    HyperliquidVenue venue(HyperliquidVenue.Resume resume) {
        HyperliquidVenue v = new HyperliquidVenue(client, "dep-test", new RecordingJournal(journal), clock::get, () -> null,
                new BigDecimal("0.05"), resume);
        v.setListener(events::add);
        return v;
    }

    @Test
    void anOrderDecidedWhileTheRunnerRefusesIsJournaledNotSentAndRejectedWithTheReasonItWasRefusedFor() throws Exception {
        String[] why = {"warming up on recorded bars: orders start with the live feed"};
        HyperliquidVenue v = new HyperliquidVenue(client, "dep-test", new RecordingJournal(journal), clock::get, () -> why[0],
                new BigDecimal("0.05"), HyperliquidVenue.Resume.fresh());
        v.setListener(events::add);
        long id = v.submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        v.deliver();
        assertThat(fake.orders(ACCOUNT)).as("nothing reached the exchange").isEmpty();
        assertThat(journal).as("journaled as decided").anyMatch(l -> l.startsWith("intent " + id + " "));
        assertThat(journal).anyMatch(l -> l.equals("answer " + id + " NOT_SENT"));
        assertThat(events).singleElement().isInstanceOfSatisfying(OrderEvent.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(io.hypertrader.core.RejectCode.RISK);
            assertThat(r.message()).as("the warm-up is not called a stop").startsWith("warming up").doesNotContain("stop");
        });
        why[0] = "deployment stop requested";
        events.clear();
        v.submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        v.deliver();
        assertThat(events).singleElement().isInstanceOfSatisfying(OrderEvent.Rejected.class,
                r -> assertThat(r.message()).startsWith("deployment stop requested"));
        assertThat(fake.orders(ACCOUNT)).isEmpty();
    }

    @Test
    void marketOrderFillsOnceWithTheExchangeFillAndPositionFollows() throws Exception {
        HyperliquidVenue v = venue(HyperliquidVenue.Resume.fresh());
        long id = v.submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        assertThat(events).as("no event from inside submit").isEmpty();
        v.poll();
        v.deliver();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(OrderEvent.Accepted.class);
        OrderEvent.Filled f = (OrderEvent.Filled) events.get(1);
        assertThat(f.orderId()).isEqualTo(id);
        assertThat(f.fill().price()).isEqualTo(30000.0);
        assertThat(f.fill().fee()).isEqualTo(0.01 * 30000 * 0.00045, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.position(BTC)).isEqualTo(0.01);
        assertThat(v.equity()).isLessThan(10_000).isGreaterThan(9_999);
        // the wire order was an IOC 5% through the mid, with the derived cloid
        var body = fake.exchangeBodies().get(0).path("action").path("orders").get(0);
        assertThat(body.path("p").asText()).isEqualTo("31500");
        assertThat(body.path("t").path("limit").path("tif").asText()).isEqualTo("Ioc");
        assertThat(body.path("c").asText()).isEqualTo(Cloid.derive("dep-test", id).hex());
        assertThat(journal.get(0)).startsWith("intent " + id);
        assertThat(journal.get(1)).startsWith("answer " + id + " FILLED");
    }

    @Test
    void acceptThenTimeoutNeverDoublesTheOrder() throws Exception {
        for (Fault fault : List.of(Fault.TIMEOUT_AFTER_ACCEPT, Fault.HTTP_500_AFTER_ACCEPT, Fault.DROP_AFTER_ACCEPT,
                Fault.MALFORMED_AFTER_ACCEPT)) {
            fake.inject("/exchange", fault, 1);
            HyperliquidVenue v = venue(new HyperliquidVenue.Resume(fault.ordinal() * 10L + 1, 0, java.util.Set.of(), List.of(),
                    java.util.Map.of(), 0));
            int before = fake.orders(ACCOUNT).size();
            BigDecimal posBefore = fake.position(ACCOUNT, "BTC");
            long id = v.submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
            v.poll();
            v.deliver();
            assertThat(fake.orders(ACCOUNT)).as(fault.name()).hasSize(before + 1);
            assertThat(fake.position(ACCOUNT, "BTC").subtract(posBefore)).as(fault.name()).isEqualByComparingTo("0.01");
            assertThat(v.tracker().get(id).status()).as(fault.name()).isEqualTo(OrderStatus.FILLED);
            assertThat(events.stream().filter(e -> e.orderId() == id && e instanceof OrderEvent.Filled).count()).isEqualTo(1);
        }
    }

    @Test
    void restingLimitIsCancelledAndReportedOnce() throws Exception {
        HyperliquidVenue v = venue(HyperliquidVenue.Resume.fresh());
        long id = v.submit(OrderRequest.limit(BTC, Side.BUY, 0.01, 29000, TimeInForce.GTC, "entry"));
        v.poll();
        v.deliver();
        assertThat(v.openOrders(BTC)).hasSize(1);
        v.cancel(id);
        v.poll();
        v.deliver();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Accepted", "Cancelled");
        assertThat(fake.orders(ACCOUNT).get(0).status).isEqualTo("canceled");
        assertThat(v.openOrders(BTC)).isEmpty();
    }

    @Test
    void exchangeRefusalsBecomeRejectedEventsWithCodes() throws Exception {
        HyperliquidVenue v = venue(HyperliquidVenue.Resume.fresh());
        long small = v.submit(OrderRequest.market(BTC, Side.BUY, 0.0001, false, "tiny")); // $3 < $10
        long offGrid = v.submit(OrderRequest.limit(BTC, Side.BUY, 0.01, 29000.5, TimeInForce.GTC, "bad"));
        long ro = v.submit(OrderRequest.market(BTC, Side.SELL, 0.01, true, "reduce"));
        v.deliver();
        assertThat(events).allMatch(e -> e instanceof OrderEvent.Rejected);
        assertThat(((OrderEvent.Rejected) events.get(0)).code()).isEqualTo(RejectCode.MIN_NOTIONAL);
        assertThat(((OrderEvent.Rejected) events.get(1)).code()).isEqualTo(RejectCode.PRICE_OFF_GRID);
        assertThat(((OrderEvent.Rejected) events.get(2)).code()).isEqualTo(RejectCode.REDUCE_ONLY);
        assertThat(List.of(small, offGrid, ro)).doesNotHaveDuplicates();
    }

    @Test
    void theSimulatorsRulesRefuseAnOrderBeforeItIsSignedButReduceOnlyGoesToTheExchange() throws Exception {
        HyperliquidVenue v = venue(HyperliquidVenue.Resume.fresh());
        // $9.90 at the mid: the exchange would judge it at its 5% IOC bound ($10.40) and take it
        long small = v.submit(OrderRequest.market(BTC, Side.BUY, 0.00033, false, "tiny"));
        long offGrid = v.submit(OrderRequest.stop(BTC, Side.SELL, 0.01, 29_000.5, true, "stop"));
        assertThat(fake.exchangeBodies()).as("nothing signed or sent").isEmpty();
        // reduce-only while flat: the venue's position may be stale, so the exchange decides
        long dust = v.submit(OrderRequest.market(BTC, Side.SELL, 0.0001, true, "dust"));
        assertThat(fake.exchangeBodies()).hasSize(1);
        v.deliver();
        assertThat(events).extracting(e -> ((OrderEvent.Rejected) e).code())
                .containsExactly(RejectCode.MIN_NOTIONAL, RejectCode.PRICE_OFF_GRID, RejectCode.REDUCE_ONLY);
        assertThat(((OrderEvent.Rejected) events.get(0)).message()).isEqualTo("not sent: order value 9.90000 USDC is below the $10 minimum");
        assertThat(((OrderEvent.Rejected) events.get(1)).message()).startsWith("not sent: price 29000.5 is off the grid");
        assertThat(journal).contains("answer " + small + " NOT_SENT", "answer " + offGrid + " NOT_SENT")
                .doesNotContain("answer " + dust + " NOT_SENT");
    }

    @Test
    void restingOrderFilledWhileWaitingIsReportedFromUserFills() throws Exception {
        HyperliquidVenue v = venue(HyperliquidVenue.Resume.fresh());
        long id = v.submit(OrderRequest.limit(BTC, Side.BUY, 0.01, 29900, TimeInForce.GTC, "dip"));
        v.poll();
        fake.setMid("BTC", "29800"); // crosses the resting buy: filled at its limit as maker
        v.poll();
        v.deliver();
        OrderEvent.Filled f = (OrderEvent.Filled) events.get(events.size() - 1);
        assertThat(f.orderId()).isEqualTo(id);
        assertThat(f.fill().price()).isEqualTo(29900.0);
        assertThat(f.fill().maker()).isTrue();
        assertThat(v.position(BTC)).isEqualTo(0.01);
    }

    @Test
    void aFillArrivingOnTheWebSocketAndByRestIsBookedOnceWhicheverComesFirst() throws Exception {
        HyperliquidVenue v = venue(HyperliquidVenue.Resume.fresh());
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
        try (HyperliquidWebSocket ws = new HyperliquidWebSocket(http, fake.wsUrl(), new HyperliquidWebSocket.Settings(
                Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMillis(50), Duration.ofMillis(400)), v.userStreamListener(),
                clock::get)) {
            ws.subscribeUserFills(ACCOUNT);
            ws.subscribeOrderUpdates(ACCOUNT);
            ws.start();
            Await.until("both user subscriptions", () -> fake.subscribeCount() >= 2);

            // REST first: the IOC's answer says FILLED and the venue reads the fill by REST at once;
            // the same fill (same tid) then arrives on the socket and is dropped
            long ioc = v.submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
            assertThat(v.fillSources()).containsExactly(0, 1, 0);
            Await.until("the userFills and orderUpdates pushes", () -> v.streamBacklog() >= 2); // the userFills push and the orderUpdates push
            v.poll();
            v.deliver();
            // stream, rest, duplicates: the socket's copy (and REST's re-read from its inclusive cursor) dropped
            assertThat(v.fillSources()[0]).isZero();
            assertThat(v.fillSources()[1]).isEqualTo(1);
            assertThat(v.fillSources()[2]).isGreaterThanOrEqualTo(1);

            // the socket first: a resting order fills when the market comes down; the push is booked
            // on the next poll, and the REST read in the same poll finds the fill already known
            long rest = v.submit(OrderRequest.limit(BTC, Side.BUY, 0.01, 29_990, TimeInForce.GTC, "bid"));
            v.poll();
            v.deliver();
            int before = v.fillSources()[2];
            fake.setMid("BTC", "29980");
            Await.until("the userFills and orderUpdates pushes", () -> v.streamBacklog() >= 2);
            v.poll();
            v.deliver();
            assertThat(v.fillSources()[0]).as("booked from the stream").isEqualTo(1);
            assertThat(v.fillSources()[1]).as("REST booked nothing new").isEqualTo(1);
            assertThat(v.fillSources()[2]).as("the REST copy was dropped").isGreaterThan(before);
            v.poll();
            v.deliver();

            // each exchange fill is journaled exactly once, and every order ended exactly once
            assertThat(fake.fills(ACCOUNT)).hasSize(2);
            assertThat(journal.stream().filter(l -> l.startsWith("event Filled") || l.startsWith("event PartiallyFilled")))
                    .containsExactly("event Filled " + ioc, "event Filled " + rest);
            assertThat(events.stream().filter(e -> e instanceof OrderEvent.Filled).map(OrderEvent::orderId)).containsExactly(ioc, rest);
            assertThat(v.tracker().get(rest).status()).isEqualTo(OrderStatus.FILLED);
            assertThat(v.position(BTC)).isEqualTo(0.02, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(journal).anyMatch(l -> l.startsWith("ws user websocket connected"));
        }
    }


    /** The user socket's ups and downs reach operations (the outage alert and uptime), on the runner's thread, in order. */
    @Test
    void theUserSocketsDropAndReconnectAreReportedOnPoll() throws Exception {
        HyperliquidVenue v = venue(HyperliquidVenue.Resume.fresh());
        List<Boolean> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread runner = Thread.currentThread();
        v.onUserSocket(up -> {
            assertThat(Thread.currentThread()).as("told on the thread that polls").isSameAs(runner);
            states.add(up);
        });
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
        try (HyperliquidWebSocket ws = new HyperliquidWebSocket(http, fake.wsUrl(), new HyperliquidWebSocket.Settings(
                Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMillis(50), Duration.ofMillis(400)), v.userStreamListener(),
                clock::get)) {
            ws.subscribeUserFills(ACCOUNT);
            ws.start();
            Await.until("the socket is up", () -> fake.subscribeCount() >= 1);
            assertThat(states).as("nothing before a poll").isEmpty();
            Await.until("the connection reported", () -> pollThen(v, () -> !states.isEmpty()));
            assertThat(states).containsExactly(true);

            fake.dropWebSockets();
            Await.until("the drop and the reconnection reported", () -> pollThen(v, () -> states.size() >= 3));
            assertThat(states).containsExactly(true, false, true);
            assertThat(journal).anyMatch(l -> l.startsWith("ws user websocket disconnected"));
        }
    }

    private static boolean pollThen(HyperliquidVenue v, java.util.function.BooleanSupplier done) {
        try {
            v.poll();
        } catch (io.hypertrader.live.exchange.TransportException e) {
            throw new IllegalStateException(e);
        }
        return done.getAsBoolean();
    }

    /** Keeps the journal calls as short lines. */
    record RecordingJournal(List<String> lines) implements OrderJournal {
        @Override
        public void intent(long id, Cloid cloid, OrderRequest request, long timeMs, double referencePrice) {
            lines.add("intent " + id + " " + cloid);
        }

        @Override
        public void answer(long id, Cloid cloid, String outcome, Long oid, String detail, long timeMs) {
            lines.add("answer " + id + " " + outcome);
        }

        @Override
        public void event(OrderEvent event, String fillKey) {
            lines.add("event " + event.getClass().getSimpleName() + " " + event.orderId());
        }

        @Override
        public void note(String kind, String coin, String detail, long timeMs) {
            lines.add(kind + " " + detail);
        }
    }
}
