package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.hypertrader.core.Network;
import io.hypertrader.live.exchange.ExchangeOrder.Tif;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeHyperliquid.Fault;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.sign.ExchangeRequest;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exchange client against the local fake Hyperliquid: signing, orders, retries, faults. */
class HyperliquidExchangeClientTest {

    static final SigningKey ACCOUNT_KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    static final SigningKey AGENT_KEY = SigningKey.fromHex("0xe908f86dbb4d55ac876378565aafeabc187f6690f046459397b17d9b9a19688e");
    static final SigningKey STRANGER_KEY = SigningKey.fromHex("0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff");
    static final String ACCOUNT = ACCOUNT_KEY.address();
    static final String SUB_ACCOUNT = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";

    FakeHyperliquid fake;
    AtomicLong clock;
    OkHttpTransport transport;
    TradingInfoClient info;
    List<Long> sleeps;
    int seq;

    @BeforeEach
    void start() throws Exception {
        clock = new AtomicLong(System.currentTimeMillis());
        fake = FakeHyperliquid.start(Network.TESTNET, clock::get);
        fake.setAnswerDelayMs(1_500);
        fake.addAccount(ACCOUNT, 100_000);
        fake.setMid("BTC", "30000");
        fake.setMid("ETH", "2000");
        fake.setMid("SOL", "20");
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(2)).retryOnConnectionFailure(false).build();
        transport = new OkHttpTransport(http, fake.baseUrl());
        info = new TradingInfoClient(transport);
        sleeps = new ArrayList<>();
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    HyperliquidExchangeClient client(SigningKey key, Network network, String vault) throws Exception {
        return new HyperliquidExchangeClient(transport, new HyperliquidSigner(key, network), new NonceSource(clock::get), info,
                info.meta(), ACCOUNT, vault, HyperliquidExchangeClient.Settings.DEFAULTS, clock::get, sleeps::add);
    }

    HyperliquidExchangeClient client() throws Exception {
        return client(ACCOUNT_KEY, Network.TESTNET, null);
    }

    Cloid nextCloid() {
        return Cloid.derive("test-deployment", seq++);
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void metaMapsAssetIdsIncludingDelistedEntries() throws Exception {
        AssetRegistry assets = info.meta();
        assertThat(assets.get("BTC").asset()).isZero();
        assertThat(assets.get("OLD").delisted()).isTrue();
        assertThat(assets.get("OLD").asset()).isEqualTo(2);
        assertThat(assets.get("SOL").asset()).isEqualTo(3);
        assertThat(assets.get("SOL").szDecimals()).isEqualTo(2);
        assertThatThrownBy(() -> assets.get("DOGE")).hasMessageContaining("not listed");
    }

    @Test
    void restingOrderIsQueryableByOidAndCloidAndCancellable() throws Exception {
        HyperliquidExchangeClient c = client();
        Cloid cloid = nextCloid();
        OrderResult r = c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, cloid));
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.RESTING);
        assertThat(r.cloid()).isEqualTo(cloid);

        OrderStatusInfo byOid = info.orderStatus(ACCOUNT, r.oid());
        OrderStatusInfo byCloid = info.orderStatus(ACCOUNT, cloid);
        assertThat(byOid.status()).isEqualTo("open");
        assertThat(byCloid.order().oid()).isEqualTo(r.oid());
        assertThat(byCloid.order().cloid()).isEqualTo(cloid);
        assertThat(byCloid.order().limitPx()).isEqualByComparingTo("29000");
        assertThat(info.openOrders(ACCOUNT)).extracting(OpenOrder::oid).containsExactly(r.oid());
        assertThat(info.frontendOpenOrders(ACCOUNT).get(0).tif()).isEqualTo("Gtc");
        assertThat(info.orderStatus(ACCOUNT, Cloid.derive("other", 1)).found()).isFalse();

        assertThat(c.cancelByCloid("BTC", cloid).success()).isTrue();
        CancelResult again = c.cancel("BTC", r.oid());
        assertThat(again.success()).isFalse();
        assertThat(again.error()).isEqualTo("Order was never placed, already canceled, or filled.");
        assertThat(info.orderStatus(ACCOUNT, r.oid()).status()).isEqualTo("canceled");
        assertThat(info.openOrders(ACCOUNT)).isEmpty();
    }

    @Test
    void iocFillsUpdatePositionBalanceAndFills() throws Exception {
        HyperliquidExchangeClient c = client();
        OrderResult r = c.place(ExchangeOrder.limit("ETH", true, d("2010"), d("0.5"), Tif.IOC, nextCloid()));
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.FILLED);
        assertThat(r.totalSz()).isEqualByComparingTo("0.5");
        assertThat(r.avgPx()).isEqualByComparingTo("2000");
        AccountState st = info.clearinghouseState(ACCOUNT);
        assertThat(st.position("ETH").orElseThrow().szi()).isEqualByComparingTo("0.5");
        assertThat(st.position("ETH").orElseThrow().entryPx()).isEqualByComparingTo("2000");
        // taker fee 0.045 % of 1000 USDC
        assertThat(st.marginSummary().accountValue()).isEqualByComparingTo("99999.55");
        List<UserFill> fills = info.userFills(ACCOUNT);
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).tid()).isNotNull();
        assertThat(fills.get(0).dir()).isEqualTo("Open Long");
        assertThat(info.userFillsByTime(ACCOUNT, clock.get() - 1000, clock.get() + 1000)).hasSize(1);
    }

    @Test
    void perOrderErrorsComeBackAsRejectedValuesWithTheExchangeText() throws Exception {
        HyperliquidExchangeClient c = client();
        OrderResult tooSmall = c.place(ExchangeOrder.limit("SOL", true, d("19"), d("0.1"), Tif.GTC, nextCloid()));
        assertThat(tooSmall.kind()).isEqualTo(OrderResult.Kind.REJECTED);
        assertThat(tooSmall.error()).startsWith("Order must have minimum value of $10.");
        OrderResult alo = c.place(ExchangeOrder.limit("SOL", true, d("21"), d("1"), Tif.ALO, nextCloid()));
        assertThat(alo.error()).startsWith("Post only order would have immediately matched");
        OrderResult ioc = c.place(ExchangeOrder.limit("SOL", true, d("19"), d("1"), Tif.IOC, nextCloid()));
        assertThat(ioc.error()).startsWith("Order could not immediately match against any resting orders.");
        OrderResult ro = c.place(ExchangeOrder.limit("SOL", false, d("19"), d("1"), Tif.IOC, nextCloid()).withReduceOnly(true));
        assertThat(ro.error()).startsWith("Reduce only order would increase position.");
        Cloid dup = nextCloid();
        assertThat(c.place(ExchangeOrder.limit("SOL", true, d("19"), d("1"), Tif.GTC, dup)).kind()).isEqualTo(OrderResult.Kind.RESTING);
        assertThat(c.place(ExchangeOrder.limit("SOL", true, d("18"), d("1"), Tif.GTC, dup)).error()).contains("cloid");
    }

    @Test
    void marketOrderIsAnIocBoundedBySlippageFromTheMid() throws Exception {
        HyperliquidExchangeClient c = client();
        OrderResult r = c.marketOrder("SOL", true, d("1"), null, false, nextCloid());
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.FILLED);
        JsonNode wire = last(fake.exchangeBodies()).at("/action/orders/0");
        assertThat(wire.get("p").asText()).isEqualTo("21"); // 20 * 1.05
        assertThat(wire.at("/t/limit/tif").asText()).isEqualTo("Ioc");
        c.marketOrder("SOL", false, d("0.4"), d("0.01"), true, nextCloid());
        assertThat(last(fake.exchangeBodies()).at("/action/orders/0/p").asText()).isEqualTo("19.8");
        assertThat(fake.position(ACCOUNT, "SOL")).isEqualByComparingTo("0.6");
        List<OrderResult> closed = c.marketClose("SOL", null, nextCloid());
        assertThat(closed).hasSize(1);
        assertThat(last(fake.exchangeBodies()).at("/action/orders/0/r").asBoolean()).isTrue();
        assertThat(fake.position(ACCOUNT, "SOL")).isEqualByComparingTo("0");
        assertThat(c.marketClose("SOL", null, nextCloid())).isEmpty();
    }

    // ---------------------------------------------------------------- no duplicates under faults

    @Test
    void acceptedThenTimedOutOrderIsRecoveredByCloidAndNeverDuplicated() throws Exception {
        HyperliquidExchangeClient c = client();
        fake.inject("/exchange", Fault.TIMEOUT_AFTER_ACCEPT, 1);
        Cloid cloid = nextCloid();
        OrderResult r = c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, cloid));
        assertThat(r.recovered()).isTrue();
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.RESTING);
        assertThat(fake.orders(ACCOUNT)).hasSize(1);
        assertThat(fake.exchangeBodies()).hasSize(1);
        assertThat(r.oid()).isEqualTo(fake.orders(ACCOUNT).get(0).oid);
    }

    @Test
    void acceptedThenTimedOutIocIsReportedFilledOnceAndThePositionIsNotDoubled() throws Exception {
        HyperliquidExchangeClient c = client();
        for (Fault f : List.of(Fault.TIMEOUT_AFTER_ACCEPT, Fault.HTTP_500_AFTER_ACCEPT, Fault.DROP_AFTER_ACCEPT, Fault.MALFORMED_AFTER_ACCEPT)) {
            fake.inject("/exchange", f, 1);
            OrderResult r = c.place(ExchangeOrder.limit("ETH", true, d("2100"), d("0.1"), Tif.IOC, nextCloid()));
            assertThat(r.kind()).as(f.name()).isEqualTo(OrderResult.Kind.FILLED);
            assertThat(r.recovered()).as(f.name()).isTrue();
            assertThat(r.totalSz()).as(f.name()).isEqualByComparingTo("0.1");
        }
        assertThat(fake.orders(ACCOUNT)).hasSize(4);
        assertThat(fake.fills(ACCOUNT)).hasSize(4);
        assertThat(fake.position(ACCOUNT, "ETH")).isEqualByComparingTo("0.4");
        assertThat(fake.exchangeBodies()).hasSize(4);
    }

    @Test
    void lostBeforeArrivalIsLookedUpThenResentIdenticallyOnce() throws Exception {
        HyperliquidExchangeClient c = client();
        fake.inject("/exchange", Fault.HTTP_502_BEFORE, 1);
        OrderResult r = c.place(ExchangeOrder.limit("BTC", false, d("31000"), d("0.01"), Tif.GTC, nextCloid()));
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.RESTING);
        assertThat(r.recovered()).isFalse();
        List<JsonNode> bodies = fake.exchangeBodies();
        assertThat(bodies).hasSize(1); // the 502 never reached the exchange logic
        assertThat(fake.orders(ACCOUNT)).hasSize(1);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void rateLimitedRequestsAreResentWithTheSameNonceAndSignature() throws Exception {
        HyperliquidExchangeClient c = client();
        fake.inject("/exchange", Fault.HTTP_429, 2);
        OrderResult r = c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.RESTING);
        assertThat(fake.orders(ACCOUNT)).hasSize(1);
        assertThat(sleeps).containsExactly(250L, 500L);
    }

    @Test
    void persistentRateLimitIsUnavailableAndNothingWasPlaced() throws Exception {
        HyperliquidExchangeClient c = client();
        fake.inject("/exchange", Fault.HTTP_429, 10);
        assertThatThrownBy(() -> c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid())))
                .isInstanceOf(ExchangeUnavailableException.class).hasMessageContaining("429");
        assertThat(fake.orders(ACCOUNT)).isEmpty();
    }

    @Test
    void withoutCloidAnUnknownOutcomeIsNeverResent() throws Exception {
        HyperliquidExchangeClient c = client();
        fake.inject("/exchange", Fault.TIMEOUT_AFTER_ACCEPT, 1);
        OutcomeUnknownException e = org.junit.jupiter.api.Assertions.assertThrows(OutcomeUnknownException.class,
                () -> c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, null)));
        assertThat(fake.exchangeBodies()).hasSize(1);
        assertThat(fake.orders(ACCOUNT)).hasSize(1);
        // Re-sending the identical signed body is harmless: the exchange refuses the reused nonce.
        JsonNode resend = transport.post(HyperliquidTransport.EXCHANGE, e.request().toJson(), 1);
        assertThat(resend.get("status").asText()).isEqualTo("err");
        assertThat(resend.get("response").asText()).startsWith("Invalid nonce: duplicate nonce");
        assertThat(fake.orders(ACCOUNT)).hasSize(1);
    }

    @Test
    void unknownOutcomeWithFailingLookupIsReportedNotResent() throws Exception {
        HyperliquidExchangeClient c = client();
        fake.inject("/exchange", Fault.TIMEOUT_AFTER_ACCEPT, 1);
        fake.inject("/info", Fault.HTTP_502_BEFORE, 1);
        assertThatThrownBy(() -> c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid())))
                .isInstanceOf(OutcomeUnknownException.class).hasMessageContaining("lookup failed");
        assertThat(fake.exchangeBodies()).hasSize(1);
        assertThat(fake.orders(ACCOUNT)).hasSize(1);
    }

    @Test
    void manyOrdersInTheSameMillisecondGetDistinctNonces() throws Exception {
        HyperliquidExchangeClient c = client(); // the test clock does not move at all
        for (int i = 0; i < 30; i++) {
            assertThat(c.place(ExchangeOrder.limit("BTC", true, d("20000").add(BigDecimal.valueOf(i)), d("0.001"), Tif.GTC, nextCloid())).kind())
                    .isEqualTo(OrderResult.Kind.RESTING);
        }
        assertThat(fake.exchangeErrors()).isEmpty();
        assertThat(fake.orders(ACCOUNT)).hasSize(30);
    }

    // ---------------------------------------------------------------- signers

    @Test
    void wrongNetworkSignatureIsRejectedWithTheRealErrorAndPlacesNothing() throws Exception {
        HyperliquidExchangeClient mainnetSigned = client(ACCOUNT_KEY, Network.MAINNET, null);
        OrderResult r = mainnetSigned.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.REJECTED);
        assertThat(r.error()).matches("L1 error: User or API Wallet 0x[0-9a-f]{40} does not exist\\.");
        assertThat(r.error()).doesNotContain(ACCOUNT);
        assertThat(fake.orders(ACCOUNT)).isEmpty();
    }

    @Test
    void tamperedBodyRecoversAnotherSignerAndIsRejected() throws Exception {
        HyperliquidSigner signer = new HyperliquidSigner(ACCOUNT_KEY, Network.TESTNET);
        ExchangeRequest req = signer.signL1(OrderWire.orderAction(List.of(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, null)),
                OrderWire.Grouping.NA, info.meta()), clock.get());
        var body = req.toJson();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.at("/action/orders/0")).put("p", "29001");
        JsonNode resp = transport.post(HyperliquidTransport.EXCHANGE, body, 1);
        assertThat(resp.get("response").asText()).startsWith("L1 error: User or API Wallet");
        assertThat(fake.orders(ACCOUNT)).isEmpty();
    }

    @Test
    void apiWalletTradesForTheAccountAfterApprovalAndStrangersAreRefused() throws Exception {
        HyperliquidSigner master = new HyperliquidSigner(ACCOUNT_KEY, Network.TESTNET);
        ExchangeRequest approve = master.approveAgent(AGENT_KEY.address(), "bot1", clock.get());
        JsonNode resp = transport.post(HyperliquidTransport.EXCHANGE, approve.toJson(), 1);
        assertThat(resp.get("status").asText()).isEqualTo("ok");

        HyperliquidExchangeClient agent = client(AGENT_KEY, Network.TESTNET, null);
        OrderResult r = agent.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.RESTING);
        assertThat(fake.orders(ACCOUNT)).hasSize(1);
        assertThat(agent.tradingUser()).isEqualTo(ACCOUNT);

        HyperliquidExchangeClient stranger = client(STRANGER_KEY, Network.TESTNET, null);
        OrderResult s = stranger.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        assertThat(s.error()).isEqualTo("L1 error: User or API Wallet " + STRANGER_KEY.address() + " does not exist.");
    }

    @Test
    void vaultOrdersLandInTheSubAccount() throws Exception {
        fake.addAccount(SUB_ACCOUNT, 5_000);
        HyperliquidExchangeClient c = client(ACCOUNT_KEY, Network.TESTNET, SUB_ACCOUNT);
        OrderResult r = c.place(ExchangeOrder.limit("ETH", true, d("2100"), d("0.1"), Tif.IOC, nextCloid()));
        assertThat(r.kind()).isEqualTo(OrderResult.Kind.FILLED);
        assertThat(last(fake.exchangeBodies()).get("vaultAddress").asText()).isEqualTo(SUB_ACCOUNT);
        assertThat(fake.position(SUB_ACCOUNT, "ETH")).isEqualByComparingTo("0.1");
        assertThat(fake.position(ACCOUNT, "ETH")).isEqualByComparingTo("0");
    }

    @Test
    void expiresAfterIsSignedAndAnExpiredActionIsRefused() throws Exception {
        NonceSource nonces = new NonceSource(clock::get); // one nonce source per signer, shared by both clients
        HyperliquidExchangeClient c = new HyperliquidExchangeClient(transport, new HyperliquidSigner(ACCOUNT_KEY, Network.TESTNET),
                nonces, info, info.meta(), ACCOUNT, null,
                HyperliquidExchangeClient.Settings.DEFAULTS.withExpiresAfter(Duration.ofSeconds(-1)), clock::get, sleeps::add);
        OrderResult r = c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        assertThat(r.error()).startsWith("Action expired");
        HyperliquidExchangeClient ok = new HyperliquidExchangeClient(transport, new HyperliquidSigner(ACCOUNT_KEY, Network.TESTNET),
                nonces, info, info.meta(), ACCOUNT, null,
                HyperliquidExchangeClient.Settings.DEFAULTS.withExpiresAfter(Duration.ofSeconds(30)), clock::get, sleeps::add);
        assertThat(ok.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid())).kind())
                .isEqualTo(OrderResult.Kind.RESTING);
        assertThat(last(fake.exchangeBodies()).get("expiresAfter").asLong()).isEqualTo(clock.get() + 30_000);
    }

    // ---------------------------------------------------------------- other actions

    @Test
    void scheduleCancelIsADeadManSwitch() throws Exception {
        HyperliquidExchangeClient c = client();
        c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        assertThatThrownBy(() -> c.scheduleCancel(clock.get() + 1_000)).hasMessageContaining("5 s");
        assertThat(c.scheduleCancel(clock.get() + 10_000).ok()).isTrue();
        assertThat(fake.scheduledCancel(ACCOUNT)).isEqualTo(clock.get() + 10_000);
        clock.addAndGet(11_000);
        fake.setMid("BTC", "30001");
        assertThat(info.openOrders(ACCOUNT)).isEmpty();
        assertThat(fake.orders(ACCOUNT).get(0).status).isEqualTo("scheduledCancel");
        assertThat(c.scheduleCancel(null).ok()).isTrue();
        assertThat(last(fake.exchangeBodies()).get("action").toString()).isEqualTo("{\"type\":\"scheduleCancel\"}");
    }

    @Test
    void updateLeverageChecksTheLimitAndIsStored() throws Exception {
        HyperliquidExchangeClient c = client();
        assertThat(c.updateLeverage("SOL", true, 5).ok()).isTrue();
        assertThat(fake.leverage(ACCOUNT, "SOL")).isEqualTo(5);
        assertThat(last(fake.exchangeBodies()).get("action").toString())
                .isEqualTo("{\"type\":\"updateLeverage\",\"asset\":3,\"isCross\":true,\"leverage\":5}");
        assertThatThrownBy(() -> c.updateLeverage("SOL", true, 21)).hasMessageContaining("exceeds the maximum 20");
    }

    @Test
    void cancelIsResentAfterAnUnknownOutcomeAndReportsWhenTheFirstCopyLanded() throws Exception {
        HyperliquidExchangeClient c = client();
        OrderResult r = c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        fake.inject("/exchange", Fault.TIMEOUT_AFTER_ACCEPT, 1);
        assertThatThrownBy(() -> c.cancel("BTC", r.oid())).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("landed");
        assertThat(info.orderStatus(ACCOUNT, r.oid()).status()).isEqualTo("canceled");
        fake.inject("/exchange", Fault.HTTP_502_BEFORE, 1);
        OrderResult r2 = c.place(ExchangeOrder.limit("BTC", true, d("29000"), d("0.01"), Tif.GTC, nextCloid()));
        fake.inject("/exchange", Fault.HTTP_502_BEFORE, 1);
        assertThat(c.cancel("BTC", r2.oid()).success()).isTrue();
    }

    @Test
    void stopLossTriggerClosesTheLongWhenThePriceFalls() throws Exception {
        HyperliquidExchangeClient c = client();
        c.place(ExchangeOrder.limit("SOL", true, d("21"), d("2"), Tif.IOC, nextCloid()));
        OrderResult sl = c.place(ExchangeOrder.trigger("SOL", false, d("17.1"), d("2"), d("18"), true, ExchangeOrder.Tpsl.SL, true, nextCloid()));
        assertThat(sl.kind()).isEqualTo(OrderResult.Kind.RESTING);
        assertThat(last(fake.exchangeBodies()).at("/action/orders/0/t").toString())
                .isEqualTo("{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"18\",\"tpsl\":\"sl\"}}");
        assertThat(info.frontendOpenOrders(ACCOUNT).get(0).triggerCondition()).isEqualTo("Price below 18");
        fake.setMid("SOL", "18.5");
        assertThat(fake.position(ACCOUNT, "SOL")).isEqualByComparingTo("2");
        fake.setMid("SOL", "17.9");
        assertThat(fake.position(ACCOUNT, "SOL")).isEqualByComparingTo("0");
        assertThat(info.orderStatus(ACCOUNT, sl.oid()).isFilled()).isTrue();
    }

    @Test
    void groupedTakeProfitAndStopLossWaitForTheirParent() throws Exception {
        HyperliquidExchangeClient c = client();
        List<OrderResult> rs = c.placeOrders(List.of(
                ExchangeOrder.limit("SOL", true, d("21"), d("1"), Tif.IOC, nextCloid()),
                ExchangeOrder.trigger("SOL", false, d("24"), d("1"), d("25"), true, ExchangeOrder.Tpsl.TP, true, nextCloid()),
                ExchangeOrder.trigger("SOL", false, d("14"), d("1"), d("15"), true, ExchangeOrder.Tpsl.SL, true, nextCloid())),
                OrderWire.Grouping.NORMAL_TPSL);
        assertThat(rs).extracting(OrderResult::kind).containsExactly(OrderResult.Kind.FILLED,
                OrderResult.Kind.WAITING_FOR_TRIGGER, OrderResult.Kind.WAITING_FOR_TRIGGER);
        List<OrderResult> bad = c.placeOrders(List.of(
                ExchangeOrder.limit("SOL", true, d("21"), d("1"), Tif.IOC, nextCloid()),
                ExchangeOrder.trigger("SOL", false, d("24"), d("1"), d("25"), true, ExchangeOrder.Tpsl.TP, false, nextCloid())),
                OrderWire.Grouping.NORMAL_TPSL);
        assertThat(bad).allSatisfy(o -> assertThat(o.error()).isEqualTo("TP/SL orders must be reduce-only."));
    }

    private static JsonNode last(List<JsonNode> l) {
        return l.get(l.size() - 1);
    }
}
