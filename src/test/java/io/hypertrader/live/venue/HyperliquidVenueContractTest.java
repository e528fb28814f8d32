package io.hypertrader.live.venue;

import io.hypertrader.core.Network;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.ExecutionVenueContract;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.FakeHyperliquid.Fault;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The venue contract on {@link HyperliquidVenue} talking to the local fake exchange on 127.0.0.1:
 * the market moves by setting the exchange's mid (crossed resting orders and triggers fill there),
 * events come from polling it, and scarce liquidity is the fake's resting-liquidity limit. The
 * fake's clock is a counter that moves a second per call of a hook, never the wall clock.
 */
class HyperliquidVenueContractTest extends ExecutionVenueContract {

    private FakeHyperliquid fake;
    private HyperliquidVenue venue;
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    @Override
    protected ExecutionVenue venue() {
        return venue;
    }

    @Override
    protected void open() throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET, clock::get);
        fake.setAnswerDelayMs(1_500); // a withheld answer outlasts the client's 400 ms read timeout
        fake.addAccount(HyperliquidVenueTest.ACCOUNT, START_USDC);
        fake.setMid("BTC", plain(START_PRICE));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(2)).retryOnConnectionFailure(false).build();
        OkHttpTransport transport = new OkHttpTransport(http, fake.baseUrl());
        TradingInfoClient info = new TradingInfoClient(transport);
        HyperliquidExchangeClient client = new HyperliquidExchangeClient(transport,
                new HyperliquidSigner(HyperliquidVenueTest.KEY, Network.TESTNET), new NonceSource(clock::get), info, info.meta(),
                HyperliquidVenueTest.ACCOUNT, null, HyperliquidExchangeClient.Settings.DEFAULTS, clock::get, ms -> { });
        venue = new HyperliquidVenue(client, "dep-contract", new HyperliquidVenueTest.RecordingJournal(new ArrayList<>()),
                clock::get, () -> null, new BigDecimal("0.05"), HyperliquidVenue.Resume.fresh());
        venue.setListener(events::add);
    }

    @AfterEach
    void close() throws Exception {
        fake.close();
    }

    @Override
    protected void marketAt(double price) throws Exception {
        clock.addAndGet(1_000);
        fake.setMid("BTC", plain(price));
        venue.setMid("BTC", price); // what the runner's feed does
        settle();
    }

    @Override
    protected void settle() throws Exception {
        clock.addAndGet(1_000);
        venue.poll();
        venue.deliver();
    }

    @Override
    protected void limitRestingLiquidity(double coins) {
        fake.setRestingLiquidity("BTC", BigDecimal.valueOf(coins));
    }

    @Override
    protected void loseNextAnswer() {
        fake.inject("/exchange", Fault.TIMEOUT_AFTER_ACCEPT, 1);
    }

    private static String plain(double price) {
        return BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
    }
}
