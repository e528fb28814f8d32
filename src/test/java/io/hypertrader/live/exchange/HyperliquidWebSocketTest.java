package io.hypertrader.live.exchange;

import io.hypertrader.core.Network;
import io.hypertrader.live.exchange.ExchangeOrder.Tif;
import io.hypertrader.live.fake.FakeHyperliquid;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebSocket client against the fake: channels, reconnect + resubscribe, fill dedupe, stale detection, bad messages. */
class HyperliquidWebSocketTest {

    static final SigningKey KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    static final String ACCOUNT = KEY.address();

    FakeHyperliquid fake;
    OkHttpClient http;
    HyperliquidWebSocket ws;
    final Recorder rec = new Recorder();

    static final class Recorder implements HyperliquidWebSocket.Listener {
        final List<Map<String, BigDecimal>> mids = new CopyOnWriteArrayList<>();
        final List<WsCandle> candles = new CopyOnWriteArrayList<>();
        final List<OrderStatusInfo> orderUpdates = new CopyOnWriteArrayList<>();
        final List<UserFill> fills = new CopyOnWriteArrayList<>();
        final List<Boolean> fillSnapshots = new CopyOnWriteArrayList<>();
        final List<Integer> connects = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final List<Long> stale = new CopyOnWriteArrayList<>();
        final List<String> malformed = new CopyOnWriteArrayList<>();
        final List<io.hypertrader.data.AssetContext> contexts = new CopyOnWriteArrayList<>();

        @Override public void onAllMids(Map<String, BigDecimal> m) { mids.add(m); }
        @Override public void onCandle(WsCandle c) { candles.add(c); }
        @Override public void onOrderUpdates(List<OrderStatusInfo> u) { orderUpdates.addAll(u); }
        @Override public void onFills(List<UserFill> f, boolean snapshot) { fills.addAll(f); fillSnapshots.add(snapshot); }
        @Override public void onConnected(int n) { connects.add(n); }
        @Override public void onDisconnected(String reason) { disconnects.add(reason); }
        @Override public void onStale(long silentMs) { stale.add(silentMs); }
        @Override public void onMalformed(String text, String reason) { malformed.add(reason + ": " + text); }
        @Override public void onAssetContext(io.hypertrader.data.AssetContext c) { contexts.add(c); }
    }

    @BeforeEach
    void start() throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET);
        fake.addAccount(ACCOUNT, 100_000);
        fake.setMid("ETH", "2000");
        http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (ws != null) {
            ws.close();
        }
        fake.close();
    }

    HyperliquidWebSocket open(Duration ping, Duration stale) {
        ws = new HyperliquidWebSocket(http, fake.wsUrl(), new HyperliquidWebSocket.Settings(ping, stale,
                Duration.ofMillis(50), Duration.ofMillis(400)), rec, System::currentTimeMillis);
        return ws;
    }


    HyperliquidExchangeClient exchange() throws Exception {
        OkHttpTransport t = new OkHttpTransport(http, fake.baseUrl());
        TradingInfoClient info = new TradingInfoClient(t);
        return new HyperliquidExchangeClient(t, new HyperliquidSigner(KEY, Network.TESTNET), NonceSource.systemClock(), info,
                info.meta(), ACCOUNT, null, HyperliquidExchangeClient.Settings.DEFAULTS, System::currentTimeMillis, ms -> { });
    }

    @Test
    void midsAndCandlesAsObjectOrArrayWithStringsOrNumbers() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofSeconds(20));
        ws.subscribeAllMids();
        ws.subscribeCandle("ETH", "1m");
        ws.start();
        Await.until("connected + allMids snapshot", () -> !rec.mids.isEmpty());
        fake.setMid("ETH", "2001.5");
        Await.until("mid update", () -> rec.mids.stream().anyMatch(m -> new BigDecimal("2001.5").equals(m.get("ETH"))));
        var mapper = Json.MAPPER;
        fake.pushCandle("ETH", "1m", mapper.readTree(
                "{\"t\":1700000040000,\"T\":1700000099999,\"s\":\"ETH\",\"i\":\"1m\",\"o\":\"2000.1\",\"c\":\"2001.5\",\"h\":\"2002\",\"l\":\"1999.9\",\"v\":\"12.5\",\"n\":42}"));
        fake.pushCandle("ETH", "1m", mapper.readTree(
                "[{\"t\":1700000100000,\"T\":1700000159999,\"s\":\"ETH\",\"i\":\"1m\",\"o\":2001.5,\"c\":2003,\"h\":2003.25,\"l\":2001,\"v\":3.75,\"n\":7}]"));
        fake.pushCandle("BTC", "1m", mapper.readTree("{\"t\":1,\"T\":2,\"s\":\"BTC\",\"i\":\"1m\",\"o\":\"1\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1}"));
        Await.until("two candles", () -> rec.candles.size() == 2);
        assertThat(rec.candles.get(0)).isEqualTo(new WsCandle("ETH", "1m", 1700000040000L, 1700000099999L, new BigDecimal("2000.1"),
                new BigDecimal("2002"), new BigDecimal("1999.9"), new BigDecimal("2001.5"), new BigDecimal("12.5"), 42));
        assertThat(rec.candles.get(1).high()).isEqualByComparingTo("2003.25");
        assertThat(rec.candles.get(1).openTime()).isEqualTo(1700000100000L);
        assertThat(rec.malformed).isEmpty();
    }

    @Test
    void activeAssetCtxIsParsedAndStampedOnArrival() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofSeconds(20));
        ws.subscribeActiveAssetCtx("ETH");
        ws.start();
        Await.until("subscribed", () -> fake.subscribeCount() == 1);
        var mapper = Json.MAPPER;
        long before = System.currentTimeMillis();
        fake.pushActiveAssetCtx("ETH", mapper.readTree("{\"dayNtlVlm\":\"1.5E8\",\"prevDayPx\":\"1990.0\",\"markPx\":\"2000.5\","
                + "\"midPx\":\"2000.55\",\"funding\":\"0.0000125\",\"openInterest\":\"446072.075\",\"oraclePx\":\"2001.0\","
                + "\"premium\":null,\"impactPxs\":[\"2000.4\",\"2000.7\"],\"dayBaseVlm\":\"75000.1\"}"));
        fake.pushActiveAssetCtx("BTC", mapper.readTree("{\"markPx\":\"1\",\"oraclePx\":\"1\"}")); // not subscribed
        fake.pushActiveAssetCtx("ETH", mapper.readTree("{\"markPx\":\"2000.5\"}")); // no oracle: malformed, skipped
        Await.until("context and malformed", () -> rec.contexts.size() == 1 && rec.malformed.size() == 1);
        var c = rec.contexts.getFirst();
        assertThat(c.coin().name()).isEqualTo("ETH");
        assertThat(c.markPx()).isEqualTo(2000.5);
        assertThat(c.oraclePx()).isEqualTo(2001.0);
        assertThat(c.openInterest()).isEqualTo(446072.075);
        assertThat(c.dayNtlVlm()).isEqualTo(1.5e8);
        assertThat(c.premium()).isNaN();
        assertThat(c.impactAskPx()).isEqualTo(2000.7);
        assertThat(c.via()).isEqualTo("ws");
        assertThat(c.timeMs()).isBetween(before, System.currentTimeMillis());
        assertThat(rec.malformed.getFirst()).contains("oraclePx");
    }

    @Test
    void reconnectsResubscribesAndNeverDeliversAFillTwice() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofSeconds(20));
        ws.subscribeUserFills(ACCOUNT);
        ws.subscribeOrderUpdates(ACCOUNT);
        ws.subscribeAllMids();
        ws.start();
        Await.until("connected", () -> rec.connects.size() == 1 && fake.subscribeCount() == 3);
        HyperliquidExchangeClient ex = exchange();
        ex.place(ExchangeOrder.limit("ETH", true, new BigDecimal("2010"), new BigDecimal("0.1"), Tif.IOC, Cloid.derive("ws", 1)));
        Await.until("first fill", () -> rec.fills.size() == 1);
        Await.until("order update", () -> rec.orderUpdates.stream().anyMatch(OrderStatusInfo::isFilled));

        fake.dropWebSockets();
        Await.until("reconnected and resubscribed", () -> rec.connects.size() == 2 && fake.subscribeCount() == 6);
        assertThat(rec.disconnects).isNotEmpty();
        // The userFills snapshot after resubscribing repeats the old fill: it must not be delivered again.
        ex.place(ExchangeOrder.limit("ETH", true, new BigDecimal("2010"), new BigDecimal("0.2"), Tif.IOC, Cloid.derive("ws", 2)));
        Await.until("second fill", () -> rec.fills.size() == 2);
        // one socket delivers in order: a third fill arriving proves anything the resubscription
        // replayed before it (the snapshot with the first fill) has been handled, and not delivered
        ex.place(ExchangeOrder.limit("ETH", true, new BigDecimal("2010"), new BigDecimal("0.3"), Tif.IOC, Cloid.derive("ws", 3)));
        Await.until("third fill", () -> rec.fills.stream().anyMatch(f -> f.sz().compareTo(new BigDecimal("0.3")) == 0));
        assertThat(rec.fills).hasSize(3);
        assertThat(rec.fills).extracting(UserFill::tid).doesNotHaveDuplicates();
        assertThat(rec.fills.get(1).sz()).isEqualByComparingTo("0.2");
        assertThat(ws.connectionCount()).isEqualTo(2);
    }

    @Test
    void staleFeedIsDetectedReportedAndReconnected() throws Exception {
        open(Duration.ofMillis(100), Duration.ofMillis(400));
        ws.subscribeAllMids();
        ws.start();
        Await.until("connected", () -> rec.connects.size() == 1);
        // pongs keep a quiet feed fresh: eight answered pings span twice the 400 ms stale window
        int pongs = fake.pongsSent();
        Await.until("eight pongs", () -> fake.pongsSent() >= pongs + 8);
        assertThat(rec.stale).isEmpty();
        fake.setWebSocketSilent(true);
        Await.until("stale reported", () -> !rec.stale.isEmpty());
        assertThat(rec.stale.get(0)).isGreaterThanOrEqualTo(400);
        fake.setWebSocketSilent(false);
        Await.until("reconnected", () -> rec.connects.size() >= 2);
        int before = rec.mids.size();
        fake.setMid("ETH", "1999");
        Await.until("feed resumes", () -> rec.mids.size() > before);
    }

    @Test
    void malformedMessagesAreReportedAndSkipped() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofSeconds(20));
        ws.subscribeAllMids();
        ws.subscribeCandle("ETH", "1m");
        ws.start();
        Await.until("connected", () -> !rec.mids.isEmpty());
        fake.sendRawToWebSockets("{not json");
        fake.sendRawToWebSockets("{\"channel\":\"candle\",\"data\":{\"t\":\"soon\",\"s\":\"ETH\"}}");
        fake.sendRawToWebSockets("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"ETH\":\"abc\"}}}");
        fake.sendRawToWebSockets("[1,2,3]");
        Await.until("four malformed", () -> rec.malformed.size() == 4);
        int before = rec.mids.size();
        fake.setMid("ETH", "2002");
        Await.until("still working", () -> rec.mids.size() > before);
        assertThat(ws.isConnected()).isTrue();
    }
}
