package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.live.exchange.ExchangeOrder.Tif;
import io.hypertrader.live.exchange.ExchangeOrder.Tpsl;
import io.hypertrader.live.sign.Cloid;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Order wires in the exact hashed key order, and ccxt's static request table
 * (HYPERLIQUID-SIGNING-VECTORS.md section 7) reproduced through OrderRounding and OrderWire.
 */
class OrderWireTest {

    static final AssetRegistry.Asset BTC = new AssetRegistry.Asset("BTC", 0, 5, 50, false, false);
    static final AssetRegistry.Asset ETH = new AssetRegistry.Asset("ETH", 1, 4, 50, false, false);
    static final AssetRegistry.Asset SOL = new AssetRegistry.Asset("SOL", 5, 2, 20, false, false);
    static final AssetRegistry.Asset MEME = new AssetRegistry.Asset("MEME", 75, 0, 3, false, false);
    static final AssetRegistry.Asset HYPE = new AssetRegistry.Asset("HYPE", 159, 2, 5, false, false);
    static final AssetRegistry.Asset PURR = new AssetRegistry.Asset("PURR/USDC", 10000, 0, 1, false, true);
    static final AssetRegistry ASSETS = AssetRegistry.of(BTC, ETH, SOL, MEME, HYPE, PURR);
    static final BigDecimal SLIP = new BigDecimal("0.05");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** ccxt rounds limit prices and sizes to nearest; it is what the table encodes. */
    static String ccxtLimitWire(AssetRegistry.Asset a, boolean buy, String amount, String price, Tif tif) {
        BigDecimal px = OrderRounding.roundPrice(d(price), a.szDecimals(), a.spot(), RoundingMode.HALF_EVEN);
        BigDecimal sz = OrderRounding.roundSizeNearest(d(amount), a.szDecimals());
        return OrderWire.orderWire(new ExchangeOrder(a.coin(), buy, px, sz, false, new ExchangeOrder.Limit(tif), null), a).toString();
    }

    static String ccxtMarketWire(AssetRegistry.Asset a, boolean buy, String amount, String price, Cloid cloid) {
        BigDecimal px = OrderWire.slippagePrice(d(price), buy, SLIP, a);
        BigDecimal sz = OrderRounding.roundSizeNearest(d(amount), a.szDecimals());
        return OrderWire.orderWire(new ExchangeOrder(a.coin(), buy, px, sz, false, new ExchangeOrder.Limit(Tif.IOC), cloid), a).toString();
    }

    static String wire(int a, boolean b, String p, String s, boolean r, String t) {
        return "{\"a\":" + a + ",\"b\":" + b + ",\"p\":\"" + p + "\",\"s\":\"" + s + "\",\"r\":" + r + ",\"t\":" + t + "}";
    }

    static final String GTC = "{\"limit\":{\"tif\":\"Gtc\"}}";
    static final String IOC = "{\"limit\":{\"tif\":\"Ioc\"}}";

    @Test
    void ccxtLimitRows() {
        assertThat(ccxtLimitWire(BTC, true, "0.0014", "100000.42343243", Tif.GTC)).isEqualTo(wire(0, true, "100000", "0.0014", false, GTC)); // 1
        assertThat(ccxtLimitWire(SOL, true, "0.1", "100.9", Tif.GTC)).isEqualTo(wire(5, true, "100.9", "0.1", false, GTC)); // 2
        assertThat(ccxtLimitWire(BTC, true, "0.001409324", "70956.12312321", Tif.GTC)).isEqualTo(wire(0, true, "70956", "0.00141", false, GTC)); // 7
        assertThat(ccxtLimitWire(ETH, true, "0.01349234", "3500.12345", Tif.GTC)).isEqualTo(wire(1, true, "3500.1", "0.0135", false, GTC)); // 8
        assertThat(ccxtLimitWire(MEME, true, "1000.543543", "0.043423423434", Tif.GTC)).isEqualTo(wire(75, true, "0.043423", "1001", false, GTC)); // 9
        assertThat(ccxtLimitWire(BTC, true, "0.0014646006034154486", "70000", Tif.GTC)).isEqualTo(wire(0, true, "70000", "0.00146", false, GTC)); // 10
        assertThat(ccxtLimitWire(SOL, true, "0.1", "170", Tif.ALO)).isEqualTo(wire(5, true, "170", "0.1", false, "{\"limit\":{\"tif\":\"Alo\"}}")); // 16
        assertThat(ccxtLimitWire(PURR, true, "700", "0.015", Tif.GTC)).isEqualTo(wire(10000, true, "0.015", "700", false, GTC)); // 18
        assertThat(ccxtLimitWire(SOL, true, "0.5", "55.423434234", Tif.GTC)).isEqualTo(wire(5, true, "55.423", "0.5", false, GTC)); // 19
        assertThat(ccxtLimitWire(SOL, false, "0.5", "100.3424324", Tif.GTC)).isEqualTo(wire(5, false, "100.34", "0.5", false, GTC)); // 20
    }

    @Test
    void ccxtMarketRows() {
        assertThat(ccxtMarketWire(SOL, true, "1", "110", null)).isEqualTo(wire(5, true, "115.5", "1", false, IOC)); // 3
        assertThat(ccxtMarketWire(SOL, true, "0.5", "130", Cloid.parse("0x1234567890abcdef1234567890abcdef")))
                .isEqualTo(wire(5, true, "136.5", "0.5", false, IOC).replace("}}}", "}},\"c\":\"0x1234567890abcdef1234567890abcdef\"}")); // 6
        assertThat(ccxtMarketWire(BTC, true, "0.0014646006034154486", "70000.234234324", null)).isEqualTo(wire(0, true, "73500", "0.00146", false, IOC)); // 11
        assertThat(ccxtMarketWire(SOL, false, "2", "175", null)).isEqualTo(wire(5, false, "166.25", "2", false, IOC)); // 14
        assertThat(ccxtMarketWire(SOL, true, "0.1", "175", null)).isEqualTo(wire(5, true, "183.75", "0.1", false, IOC)); // 15
        assertThat(ccxtMarketWire(PURR, true, "1000", "0.019", null)).isEqualTo(wire(10000, true, "0.01995", "1000", false, IOC)); // 17
        assertThat(ccxtMarketWire(HYPE, true, "1", "39", null)).isEqualTo(wire(159, true, "40.95", "1", false, IOC)); // 22 parent
    }

    @Test
    void ccxtTriggerRows() {
        // 4: limit trigger, p 50, triggerPx 55, sl
        ObjectNode w4 = OrderWire.orderWire(ExchangeOrder.trigger("SOL", true, d("50"), d("0.5"), d("55"), false, Tpsl.SL, false, null), SOL);
        assertThat(w4.toString()).isEqualTo(wire(5, true, "50", "0.5", false, "{\"trigger\":{\"isMarket\":false,\"triggerPx\":\"55\",\"tpsl\":\"sl\"}}"));
        // 5: market trigger: p = 55 * 1.05
        ObjectNode w5 = OrderWire.orderWire(ExchangeOrder.trigger("SOL", true, OrderWire.slippagePrice(d("55"), true, SLIP, SOL), d("0.5"),
                d("55"), true, Tpsl.SL, false, null), SOL);
        assertThat(w5.toString()).isEqualTo(wire(5, true, "57.75", "0.5", false, "{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"55\",\"tpsl\":\"sl\"}}"));
        // 12: market sell stop at 100 -> p 95
        ObjectNode w12 = OrderWire.orderWire(ExchangeOrder.trigger("SOL", false, OrderWire.slippagePrice(d("100"), false, SLIP, SOL), d("3.34"),
                d("100"), true, Tpsl.SL, false, null), SOL);
        assertThat(w12.toString()).isEqualTo(wire(5, false, "95", "3.34", false, "{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"100\",\"tpsl\":\"sl\"}}"));
        // 13: market buy take profit at 500 -> p 525
        ObjectNode w13 = OrderWire.orderWire(ExchangeOrder.trigger("SOL", true, OrderWire.slippagePrice(d("500"), true, SLIP, SOL), d("3.34"),
                d("500"), true, Tpsl.TP, false, null), SOL);
        assertThat(w13.toString()).isEqualTo(wire(5, true, "525", "3.34", false, "{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"500\",\"tpsl\":\"tp\"}}"));
    }

    @Test
    void ccxtRow21GroupedParentWithTakeProfitAndStopLoss() {
        ObjectNode action = OrderWire.orderAction(List.of(
                new ExchangeOrder("SOL", false, OrderWire.slippagePrice(d("150"), false, SLIP, SOL), d("2"), false, new ExchangeOrder.Limit(Tif.IOC), null),
                ExchangeOrder.trigger("SOL", true, OrderWire.slippagePrice(d("50"), true, SLIP, SOL), d("2"), d("50"), true, Tpsl.TP, true, null),
                ExchangeOrder.trigger("SOL", true, OrderWire.slippagePrice(d("200"), true, SLIP, SOL), d("2"), d("200"), true, Tpsl.SL, true, null)),
                OrderWire.Grouping.NORMAL_TPSL, ASSETS);
        assertThat(action.toString()).isEqualTo("{\"type\":\"order\",\"orders\":["
                + wire(5, false, "142.5", "2", false, IOC) + ","
                + wire(5, true, "52.5", "2", true, "{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"50\",\"tpsl\":\"tp\"}}") + ","
                + wire(5, true, "210", "2", true, "{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"200\",\"tpsl\":\"sl\"}}")
                + "],\"grouping\":\"normalTpsl\"}");
    }

    @Test
    void pricesRoundByIntentAndSizesDown() {
        // Resting buy rounds down, resting sell up; IOC buy up, IOC sell down.
        assertThat(OrderWire.orderWire(ExchangeOrder.limit("SOL", true, d("100.3456"), d("1.239"), Tif.GTC, null), SOL).get("p").asText()).isEqualTo("100.34");
        assertThat(OrderWire.orderWire(ExchangeOrder.limit("SOL", false, d("100.3416"), d("1"), Tif.GTC, null), SOL).get("p").asText()).isEqualTo("100.35");
        assertThat(OrderWire.orderWire(ExchangeOrder.limit("SOL", true, d("100.3416"), d("1"), Tif.IOC, null), SOL).get("p").asText()).isEqualTo("100.35");
        assertThat(OrderWire.orderWire(ExchangeOrder.limit("SOL", false, d("100.3456"), d("1"), Tif.IOC, null), SOL).get("p").asText()).isEqualTo("100.34");
        assertThat(OrderWire.orderWire(ExchangeOrder.limit("SOL", true, d("100.3456"), d("1.239"), Tif.GTC, null), SOL).get("s").asText()).isEqualTo("1.23");
        assertThat(OrderWire.orderWire(ExchangeOrder.limit("BTC", true, d("123456.7"), d("0.001"), Tif.GTC, null), BTC).get("p").asText()).isEqualTo("123456");
        assertThatThrownBy(() -> OrderWire.orderWire(ExchangeOrder.limit("SOL", true, d("100"), d("0.004"), Tif.GTC, null), SOL))
                .hasMessageContaining("rounds to zero");
    }

    @Test
    void otherActionsHaveTheCanonicalKeyOrder() {
        assertThat(OrderWire.cancelAction(List.of(new long[]{1, 82382})).toString())
                .isEqualTo("{\"type\":\"cancel\",\"cancels\":[{\"a\":1,\"o\":82382}]}");
        assertThat(OrderWire.cancelByCloidAction(1, List.of(Cloid.ofInt(1))).toString())
                .isEqualTo("{\"type\":\"cancelByCloid\",\"cancels\":[{\"asset\":1,\"cloid\":\"0x00000000000000000000000000000001\"}]}");
        assertThat(OrderWire.scheduleCancelAction(1748964667611L).toString()).isEqualTo("{\"type\":\"scheduleCancel\",\"time\":1748964667611}");
        assertThat(OrderWire.updateLeverageAction(1, true, 5).toString())
                .isEqualTo("{\"type\":\"updateLeverage\",\"asset\":1,\"isCross\":true,\"leverage\":5}");
    }

    @Test
    void py0ActionIsRebuiltFromAnOrderRequest() {
        // PY-0: ETH asset 4, buy 0.0147 @ 1670.1 Ioc: the hash vector's action, byte for byte.
        AssetRegistry.Asset eth4 = new AssetRegistry.Asset("ETH", 4, 4, 50, false, false);
        ObjectNode action = OrderWire.orderAction(List.of(ExchangeOrder.limit("ETH", true, d("1670.1"), d("0.0147"), Tif.IOC, null)),
                OrderWire.Grouping.NA, AssetRegistry.of(eth4));
        assertThat(org.web3j.utils.Numeric.toHexString(io.hypertrader.live.sign.ActionHash.connectionId(action, 1677777606040L, null,
                java.util.OptionalLong.empty()))).isEqualTo("0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908");
    }
}
