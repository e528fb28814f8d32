package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parsers on real recorded Hyperliquid responses (hyperliquid-samples: the small ones copied into
 * the test fixtures, the larger read from ../shared; see SOURCES.md there): exact values, counts and sums, so a parser that drops or mangles a field fails.
 */
class RecordedSamplesTest {

    static JsonNode sample(String name) throws Exception {
        return Json.MAPPER.readTree(Fixtures.hyperliquidSample(name));
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void clearinghouseState() throws Exception {
        AccountState s = AccountState.parse(sample("info-clearinghouseState-2023-03-27.json"));
        assertThat(s.positions()).hasSize(12);
        assertThat(s.positions()).extracting(AccountState.Position::coin)
                .containsExactly("BTC", "ETH", "ATOM", "MATIC", "DYDX", "SOL", "AVAX", "BNB", "APE", "OP", "LTC", "ARB");
        AccountState.Position btc = s.position("BTC").orElseThrow();
        assertThat(btc.szi()).isEqualTo(d("-0.00785"));
        assertThat(btc.entryPx()).isEqualTo(d("26951.0"));
        assertThat(btc.liquidationPx()).isEqualTo(d("173198.69592357"));
        assertThat(btc.marginUsed()).isEqualTo(d("10.582271"));
        assertThat(btc.positionValue()).isEqualTo(d("211.64542"));
        assertThat(btc.unrealizedPnl()).isEqualTo(d("-0.08007"));
        assertThat(btc.returnOnEquity()).isEqualTo(d("-0.00756643"));
        assertThat(btc.leverageType()).isEqualTo("cross");
        assertThat(btc.leverage()).isEqualTo(20);
        assertThat(btc.maxLeverage()).isNull();
        assertThat(s.position("ETH").orElseThrow().liquidationPx()).isNull();
        assertThat(s.position("DOGE")).isEmpty();
        assertThat(s.marginSummary()).isEqualTo(new AccountState.MarginSummary(d("1182.312496"), d("3434.815334"),
                d("86.549602"), d("171.740766")));
        assertThat(s.crossMarginSummary()).isEqualTo(s.marginSummary());
        assertThat(s.withdrawable()).isEqualTo(d("1010.57173"));
        assertThat(s.time()).isNull();
        assertThat(s.positions().stream().map(AccountState.Position::marginUsed).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("171.740766");
    }

    @Test
    void openOrders() throws Exception {
        // 20 KB, read from the shared datasets (not copied into the project): skipped without them, a failure under CI
        java.nio.file.Path file = io.hypertrader.testdata.SharedDatasets.file("hyperliquid-samples/info-openOrders-2023-03-27.json",
                "the 196 recorded open orders of 2023-03-27");
        List<OpenOrder> orders = OpenOrder.parseAll(Json.MAPPER.readTree(java.nio.file.Files.readAllBytes(file)), "openOrders");
        assertThat(orders).hasSize(196);
        OpenOrder first = orders.get(0);
        assertThat(first).isEqualTo(new OpenOrder("MATIC", WireSide.BUY, d("1.0357"), d("208.7"), 62269971L, 1679940217356L,
                null, null, null, null, null, null, null, null, null, List.of()));
        OpenOrder last = orders.get(195);
        assertThat(last.coin()).isEqualTo("AVAX");
        assertThat(last.side()).isEqualTo(WireSide.BUY);
        assertThat(last.sz()).isEqualTo(d("232.88"));
        assertThat(last.oid()).isEqualTo(62126835L);
        assertThat(orders.stream().filter(o -> o.side() == WireSide.SELL).count() + orders.stream().filter(o -> o.side() == WireSide.BUY).count())
                .isEqualTo(196);
    }

    @Test
    void frontendOpenOrdersWithTriggersAndChildren() throws Exception {
        List<OpenOrder> orders = OpenOrder.parseAll(sample("info-frontendOpenOrders-2023-11-16.json"), "frontendOpenOrders");
        assertThat(orders).hasSize(3);
        OpenOrder tp = orders.get(0);
        assertThat(tp.orderType()).isEqualTo("Take Profit Market");
        assertThat(tp.isTrigger()).isTrue();
        assertThat(tp.triggerPx()).isEqualTo(d("10.004"));
        assertThat(tp.triggerCondition()).isEqualTo("Price above 10.004");
        assertThat(tp.limitPx()).isEqualTo(d("9.2037"));
        assertThat(tp.reduceOnly()).isTrue();
        assertThat(tp.tif()).isNull();
        assertThat(tp.side()).isEqualTo(WireSide.SELL);
        assertThat(tp.oid()).isEqualTo(3184595907L);
        OpenOrder sl = orders.get(1);
        assertThat(sl.orderType()).isEqualTo("Stop Market");
        assertThat(sl.triggerCondition()).isEqualTo("Price below 9.995");
        OpenOrder parent = orders.get(2);
        assertThat(parent.orderType()).isEqualTo("Limit");
        assertThat(parent.tif()).isEqualTo("Gtc");
        assertThat(parent.triggerPx()).isEqualByComparingTo("0");
        assertThat(parent.origSz()).isEqualTo(d("12.5"));
        assertThat(parent.children()).extracting(OpenOrder::oid).containsExactly(3184595906L, 3184595907L);
        assertThat(parent.cloid()).isNull();
    }

    @Test
    void historicalOrders() throws Exception {
        List<OrderStatusInfo> h = OrderStatusInfo.parseHistorical(sample("info-historicalOrders-2025-08-22.json"));
        assertThat(h).extracting(OrderStatusInfo::status)
                .containsExactly("iocCancelRejected", "iocCancelRejected", "iocCancelRejected", "canceled", "canceled");
        assertThat(h.get(0).order().coin()).isEqualTo("TON");
        assertThat(h.get(0).order().limitPx()).isEqualTo(d("3.2502"));
        assertThat(h.get(0).order().oid()).isEqualTo(141682155424L);
        assertThat(h.get(0).statusTimestamp()).isEqualTo(1755863118217L);
        assertThat(h.get(0).isCanceledOrRejected()).isTrue();
        assertThat(h.get(4).order().tif()).isEqualTo("Alo");
        assertThat(h.get(4).order().cloid()).isNull();
        assertThat(h.get(4).order().origSz()).isEqualTo(d("1614.3"));
    }

    @Test
    void userFills() throws Exception {
        List<UserFill> fills = UserFill.parseAll(sample("info-userFills-2023-07-17.json"));
        assertThat(fills).hasSize(500);
        UserFill f = fills.get(0);
        assertThat(f.coin()).isEqualTo("SUI");
        assertThat(f.px()).isEqualTo(d("1.3189"));
        assertThat(f.sz()).isEqualTo(d("142.7"));
        assertThat(f.side()).isEqualTo(WireSide.SELL);
        assertThat(f.time()).isEqualTo(1683245884863L);
        assertThat(f.startPosition()).isEqualTo(d("4623.5"));
        assertThat(f.dir()).isEqualTo("Close Long");
        assertThat(f.closedPnl()).isEqualTo(d("-0.25686"));
        assertThat(f.oid()).isEqualTo(189324432L);
        assertThat(f.crossed()).isTrue();
        assertThat(f.fee()).isEqualByComparingTo("0");
        assertThat(f.tid()).isNull(); // 2023 records have no tid: the fallback key must still be unique
        assertThat(fills.stream().map(UserFill::dedupeKey).distinct().count()).isEqualTo(500);
        assertThat(fills.stream().map(UserFill::closedPnl).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("-152.586132");
        assertThat(fills.get(499).dir()).isEqualTo("Close Short");
    }

    @Test
    void userFunding() throws Exception {
        List<FundingPayment> p = FundingPayment.parseAll(sample("info-userFunding-2024-02-20.json"));
        assertThat(p).hasSize(218);
        assertThat(p.get(0)).isEqualTo(new FundingPayment("APE", d("0.145796"), d("40.13333333"), d("-0.00029319"), 3,
                1681948800000L, "0xe3f4c682738ae2ee62510a7282db05c55f1b2032b6a366be9af99d6c809ac899"));
        assertThat(p.get(217).usdc()).isEqualTo(d("-1.357286"));
        assertThat(p.stream().map(FundingPayment::usdc).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("695.136103");
    }

    @Test
    void allMidsL2BookAndMeta() throws Exception {
        Map<String, BigDecimal> mids = TradingInfoClient.parseMids(sample("info-allMids-2023-07-17.json"));
        assertThat(mids).hasSize(28);
        assertThat(mids.get("BTC")).isEqualTo(d("30135.0"));
        assertThat(mids.get("kPEPE")).isEqualTo(d("0.001565"));
        assertThat(mids.keySet().iterator().next()).isEqualTo("APE");

        L2Book book = L2Book.parse(sample("info-l2Book-DYDX-2023-07-17.json"));
        assertThat(book.coin()).isEqualTo("DYDX");
        assertThat(book.time()).isEqualTo(1689630203930L);
        assertThat(book.bids()).hasSize(20);
        assertThat(book.asks()).hasSize(20);
        assertThat(book.bids().get(0)).isEqualTo(new L2Book.Level(d("2.111"), d("134.4"), 1));
        assertThat(book.asks().get(0)).isEqualTo(new L2Book.Level(d("2.1124"), d("352.3"), 2));
        for (int i = 1; i < 20; i++) {
            assertThat(book.bids().get(i).px()).isLessThan(book.bids().get(i - 1).px());
            assertThat(book.asks().get(i).px()).isGreaterThan(book.asks().get(i - 1).px());
        }

        AssetRegistry meta = AssetRegistry.fromPerpMeta(sample("info-meta-perp-2023-07-17.json"));
        assertThat(meta.all()).hasSize(28);
        assertThat(meta.get("BTC")).isEqualTo(new AssetRegistry.Asset("BTC", 0, 5, 50, false, false));
        assertThat(meta.get("ETH").asset()).isEqualTo(1);
        assertThat(meta.get("APT").asset()).isEqualTo(27);
        assertThat(meta.byAsset(4).orElseThrow().coin()).isEqualTo("DYDX");
    }

    @Test
    void exchangeOrderFixtures() throws Exception {
        List<OrderResult> filled = HyperliquidExchangeClient.parseOrderResponse(
                sample("exchange-order-market-filled.ccxt-fixture.json"), Arrays.asList((Cloid) null));
        assertThat(filled).containsExactly(new OrderResult(OrderResult.Kind.FILLED, 296683658818L, d("1.0"), d("25.585"), null, null, false));

        List<OrderResult> tpsl = HyperliquidExchangeClient.parseOrderResponse(
                sample("exchange-order-market-with-tp-sl.ccxt-fixture.json"), Arrays.asList(null, null, null));
        assertThat(tpsl).extracting(OrderResult::kind).containsExactly(OrderResult.Kind.FILLED,
                OrderResult.Kind.WAITING_FOR_TRIGGER, OrderResult.Kind.WAITING_FOR_TRIGGER);
        assertThat(tpsl.get(0).oid()).isEqualTo(211341310459L);
        assertThat(tpsl.get(0).avgPx()).isEqualTo(d("39.9351"));
    }

    @Test
    void whole_request_errors_and_per_order_errors() throws Exception {
        JsonNode err = Json.MAPPER.readTree("{\"status\":\"err\",\"response\":\"L1 error: User or API Wallet 0xabc does not exist.\"}");
        assertThat(HyperliquidExchangeClient.parseOrderResponse(err, Arrays.asList(null, null)))
                .allSatisfy(r -> assertThat(r.error()).isEqualTo("L1 error: User or API Wallet 0xabc does not exist."));
        JsonNode mixed = Json.MAPPER.readTree("{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":"
                + "[{\"resting\":{\"oid\":77738308}},{\"error\":\"Order must have minimum value of $10.\"}]}}}");
        List<OrderResult> r = HyperliquidExchangeClient.parseOrderResponse(mixed, Arrays.asList(null, null));
        assertThat(r.get(0)).isEqualTo(new OrderResult(OrderResult.Kind.RESTING, 77738308L, null, null, null, null, false));
        assertThat(r.get(1).error()).isEqualTo("Order must have minimum value of $10.");
        JsonNode cancel = Json.MAPPER.readTree("{\"status\":\"ok\",\"response\":{\"type\":\"cancel\",\"data\":{\"statuses\":"
                + "[\"success\",{\"error\":\"Order was never placed, already canceled, or filled.\"}]}}}");
        assertThat(HyperliquidExchangeClient.parseCancelResponse(cancel, 2)).containsExactly(CancelResult.SUCCESS,
                new CancelResult(false, "Order was never placed, already canceled, or filled."));
    }
}
