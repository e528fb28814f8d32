package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hypertrader.core.Network;
import io.hypertrader.data.HttpTransport;
import io.hypertrader.data.TransportClock;
import io.hypertrader.data.WeightBudget;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeHyperliquid.Fault;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /info retried by the data transport, /exchange never retried by any transport, one budget. */
class SharedBudgetTransportTest {

    static final SigningKey KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");

    FakeHyperliquid fake;
    SharedBudgetTransport transport;
    WeightBudget budget;

    @BeforeEach
    void start() throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET);
        fake.setAnswerDelayMs(1_500);
        fake.addAccount(KEY.address(), 50_000);
        fake.setMid("BTC", "30000");
        TransportClock clock = TransportClock.system();
        budget = new WeightBudget(WeightBudget.HYPERLIQUID_PER_MINUTE, clock);
        HttpTransport info = new HttpTransport(fake.baseUrl(), new HttpTransport.Settings(3, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(3)),
                budget, clock, new Random(7));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(400)).retryOnConnectionFailure(false).build();
        transport = new SharedBudgetTransport(info, new OkHttpTransport(http, fake.baseUrl(), budget));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void infoIsRetriedThroughTheDataTransport() throws Exception {
        fake.inject("/info", Fault.HTTP_502_BEFORE, 1);
        fake.inject("/info", Fault.MALFORMED_BEFORE, 1);
        TradingInfoClient info = new TradingInfoClient(transport);
        assertThat(info.allMids().get("BTC")).isEqualByComparingTo("30000");
        fake.inject("/info", Fault.HTTP_502_BEFORE, 5);
        assertThatThrownBy(info::allMids).isInstanceOf(TransportException.class);
    }

    @Test
    void anExchangeErrorNamesTheExchangesUrl() throws Exception {
        fake.inject("/exchange", Fault.HTTP_502_BEFORE, 1);
        var req = new HyperliquidSigner(KEY, Network.TESTNET).signL1(JsonNodeFactory.instance.objectNode().put("type", "noop"),
                System.currentTimeMillis());
        // several networks and local exchanges may be configured: the message says which one answered
        assertThatThrownBy(() -> transport.post(HyperliquidTransport.EXCHANGE, req.toJson(), 1))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("HTTP 502 from " + fake.baseUrl() + "/exchange: ");
    }

    @Test
    void exchangeIsSentOnceAndTheClientRecoversByCloid() throws Exception {
        fake.inject("/exchange", Fault.TIMEOUT_AFTER_ACCEPT, 1);
        var req = new HyperliquidSigner(KEY, Network.TESTNET).signL1(JsonNodeFactory.instance.objectNode().put("type", "noop"),
                System.currentTimeMillis());
        assertThatThrownBy(() -> transport.post(HyperliquidTransport.EXCHANGE, req.toJson(), 1))
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.OUTCOME_UNKNOWN));
        assertThat(fake.exchangeBodies()).hasSize(1);

        TradingInfoClient info = new TradingInfoClient(transport);
        HyperliquidExchangeClient client = HyperliquidExchangeClient.create(transport, new HyperliquidSigner(KEY, Network.TESTNET),
                info, info.meta(), KEY.address(), null, HyperliquidExchangeClient.Settings.DEFAULTS);
        fake.inject("/exchange", Fault.TIMEOUT_AFTER_ACCEPT, 1);
        OrderResult r = client.place(ExchangeOrder.limit("BTC", true, new BigDecimal("29000"), new BigDecimal("0.01"),
                ExchangeOrder.Tif.GTC, Cloid.derive("shared", 1)));
        assertThat(r.recovered()).isTrue();
        assertThat(fake.orders(KEY.address())).hasSize(1);
        assertThat(budget.available()).isLessThan(WeightBudget.HYPERLIQUID_PER_MINUTE);
    }
}
