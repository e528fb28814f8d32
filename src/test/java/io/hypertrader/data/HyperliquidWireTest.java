package io.hypertrader.data;

import io.hypertrader.core.Coin;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parses the recorded real /info responses (hyperliquid-samples, copied into the test fixtures; SOURCES.md section 2). */
class HyperliquidWireTest {

    static byte[] sample(String name) throws IOException {
        return Fixtures.hyperliquidSample(name);
    }

    @Test
    void recordedCandleSnapshot() throws IOException {
        List<HyperliquidWire.WireCandle> c = HyperliquidWire.parseCandles(sample("info-candleSnapshot-kPEPE-1h-2023-05-21.json"));
        assertThat(c).hasSize(24);
        assertThat(c.getFirst()).isEqualTo(new HyperliquidWire.WireCandle(1684699200000L, 1684702799999L, "kPEPE", "1h",
                0.001601, 0.001616, 0.001601, 0.001604, 520665683.0, 709));
        assertThat(c.getLast().t()).isEqualTo(1684782000000L);
        for (int i = 0; i < c.size(); i++) {
            assertThat(c.get(i).t()).isEqualTo(1684699200000L + i * 3_600_000L);
            assertThat(c.get(i).closeT()).isEqualTo(c.get(i).t() + 3_599_999L);
            assertThat(CandleValidation.check(io.hypertrader.core.Interval.H1, c.get(i).toCandle())).isNull();
        }
    }

    @Test
    void currentKeyOrderAndNumbersAsStringsOrNumbers() {
        String body = "[{\"t\":1681923600000,\"T\":1681924499999,\"s\":\"BTC\",\"i\":\"15m\",\"o\":\"29295.0\","
                + "\"c\":\"29258.0\",\"h\":\"29309.0\",\"l\":\"29250.0\",\"v\":\"0.98639\",\"n\":189,\"newField\":{\"x\":1}},"
                + "{\"n\":\"7\",\"v\":1.5,\"l\":1,\"h\":2,\"c\":1.5,\"o\":1.25,\"i\":\"15m\",\"s\":\"BTC\",\"T\":\"1681925399999\",\"t\":1681924500000}]";
        List<HyperliquidWire.WireCandle> c = HyperliquidWire.parseCandles(body.getBytes(StandardCharsets.UTF_8));
        assertThat(c.get(0)).isEqualTo(new HyperliquidWire.WireCandle(1681923600000L, 1681924499999L, "BTC", "15m",
                29295.0, 29309.0, 29250.0, 29258.0, 0.98639, 189));
        assertThat(c.get(1)).isEqualTo(new HyperliquidWire.WireCandle(1681924500000L, 1681925399999L, "BTC", "15m",
                1.25, 2, 1, 1.5, 1.5, 7));
    }

    @Test
    void malformedCandleBodiesAreErrorsNotData() {
        for (String bad : List.of("", "<html>", "{\"error\":\"x\"}", "[1,2]", "[{\"t\":1}]",
                "[{\"t\":1,\"T\":2,\"s\":\"BTC\",\"i\":\"1m\",\"o\":\"abc\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1}]",
                "[{\"t\":1.5,\"T\":2,\"s\":\"BTC\",\"i\":\"1m\",\"o\":\"1\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1}]",
                "[{\"t\":1,\"T\":2,\"s\":\"BTC\",\"i\":\"1m\",\"o\":\"NaN\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1}]")) {
            assertThatThrownBy(() -> HyperliquidWire.parseCandles(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(MalformedResponseException.class);
        }
    }

    @Test
    void recordedFundingHistory() throws IOException {
        List<FundingRate> f = HyperliquidWire.parseFunding(sample("info-fundingHistory-BTC-2023-05-12_2023-07-17.json"), Coin.of("BTC"));
        assertThat(f).hasSize(1038);
        assertThat(f.getFirst()).isEqualTo(new FundingRate(1683849600048L, -0.00061334, -0.00091334));
        assertThat(f.getLast()).isEqualTo(new FundingRate(1689627600065L, 0.0000125, 0.00007028));
        long switchToHourly = Instant.parse("2023-06-08T00:00:00Z").toEpochMilli();
        long eightHourly = f.stream().filter(r -> r.timeMs() < switchToHourly).count();
        // 2023-05-12 00:00 .. 2023-06-07 16:00 every 8 h; the 2023-05-23 08:00 settlement came at 08:23.
        assertThat(eightHourly).isEqualTo(27 * 3);
        assertThat(f.stream().filter(r -> r.timeMs() % 3_600_000L > 60_000L).map(FundingRate::timeMs))
                .containsExactly(Instant.parse("2023-05-23T08:23:53.040Z").toEpochMilli());
        long missingHour = Instant.parse("2023-07-02T20:00:00Z").toEpochMilli();
        assertThat(f).noneMatch(r -> r.timeMs() >= missingHour && r.timeMs() < missingHour + 3_600_000L);
        assertThatThrownBy(() -> HyperliquidWire.parseFunding(sample("info-fundingHistory-BTC-2023-05-12_2023-07-17.json"), Coin.of("ETH")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("coin 'BTC'");
    }

    @Test
    void recordedMeta() throws IOException {
        List<CoinMeta> m = HyperliquidWire.parseMeta(sample("info-meta-perp-2023-07-17.json"));
        assertThat(m).hasSize(28);
        assertThat(m.get(0)).isEqualTo(new CoinMeta(Coin.of("BTC"), 0, 5, 50, false, false));
        assertThat(m.get(1)).isEqualTo(new CoinMeta(Coin.of("ETH"), 1, 4, 50, false, false));
        assertThat(m.get(15)).isEqualTo(new CoinMeta(Coin.of("kPEPE"), 15, 0, 50, false, false));
        assertThat(m.getLast()).isEqualTo(new CoinMeta(Coin.of("APT"), 27, 2, 50, false, false));
    }

    @Test
    void newerMetaFieldsAreReadAndUnknownOnesIgnored() {
        String body = "{\"universe\":[{\"name\":\"BTC\",\"szDecimals\":5,\"maxLeverage\":40,\"marginTableId\":56},"
                + "{\"name\":\"OLD\",\"szDecimals\":1,\"maxLeverage\":3,\"isDelisted\":true,\"onlyIsolated\":true}],\"marginTables\":[]}";
        List<CoinMeta> m = HyperliquidWire.parseMeta(body.getBytes(StandardCharsets.UTF_8));
        assertThat(m).containsExactly(new CoinMeta(Coin.of("BTC"), 0, 5, 40, false, false),
                new CoinMeta(Coin.of("OLD"), 1, 1, 3, true, true));
        assertThatThrownBy(() -> HyperliquidWire.parseMeta("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void metaAndAssetCtxsPairEachContextWithItsCoinAndKeepNullsAsNaN() {
        // the documented shape: [meta, ctxs], ctxs[i] for universe[i]; premium and impactPxs may be null
        String body = "[{\"universe\":[{\"name\":\"BTC\",\"szDecimals\":5,\"maxLeverage\":40},"
                + "{\"name\":\"OLD\",\"szDecimals\":1,\"maxLeverage\":3,\"isDelisted\":true}]},"
                + "[{\"dayNtlVlm\":\"1169046.29406\",\"funding\":\"0.0000125\",\"impactPxs\":[\"30452.0\",\"30453.0\"],"
                + "\"markPx\":\"30452.5\",\"midPx\":\"30452.5\",\"openInterest\":\"1882.55\",\"oraclePx\":\"30458.0\","
                + "\"premium\":\"-0.00018\",\"prevDayPx\":\"30200.0\",\"dayBaseVlm\":\"38.4\"},"
                + "{\"funding\":\"0.0\",\"impactPxs\":null,\"markPx\":0.5,\"midPx\":null,\"openInterest\":\"0.0\","
                + "\"oraclePx\":\"0.5\",\"premium\":null,\"prevDayPx\":\"0.5\",\"dayNtlVlm\":\"0.0\"}]]";
        List<AssetContext> c = HyperliquidWire.parseMetaAndAssetCtxs(body.getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L);
        assertThat(c).hasSize(2);
        assertThat(c.get(0)).isEqualTo(new AssetContext(Coin.of("BTC"), 1_700_000_000_000L, 1_700_000_000_000L, 30452.5, 30458.0,
                30452.5, 1882.55, -0.00018, 0.0000125, 1169046.29406, 38.4, 30200.0, 30452.0, 30453.0, "rest"));
        AssetContext old = c.get(1);
        assertThat(old.coin()).isEqualTo(Coin.of("OLD"));
        assertThat(old.markPx()).isEqualTo(0.5);
        assertThat(List.of(old.midPx(), old.premium(), old.impactBidPx(), old.impactAskPx(), old.dayBaseVlm())).allMatch(v -> v.isNaN());

        assertThatThrownBy(() -> HyperliquidWire.parseMetaAndAssetCtxs("[{\"universe\":[{\"name\":\"BTC\"}]},[]]"
                .getBytes(StandardCharsets.UTF_8), 1)).isInstanceOf(MalformedResponseException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> HyperliquidWire.parseMetaAndAssetCtxs("[{\"universe\":[{\"name\":\"BTC\"}]},[{\"markPx\":\"1\"}]]"
                .getBytes(StandardCharsets.UTF_8), 1)).isInstanceOf(MalformedResponseException.class).hasMessageContaining("oraclePx");
        assertThatThrownBy(() -> HyperliquidWire.parseMetaAndAssetCtxs("{}".getBytes(StandardCharsets.UTF_8), 1))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void requestsHaveTheDocumentedShape() {
        assertThat(HyperliquidWire.candleSnapshotRequest(Coin.of("BTC"), "15m", 1681923600000L, 1681924499999L))
                .isEqualTo("{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"BTC\",\"interval\":\"15m\",\"startTime\":1681923600000,\"endTime\":1681924499999}}");
        assertThat(HyperliquidWire.fundingHistoryRequest(Coin.of("BTC"), 1, 2))
                .isEqualTo("{\"type\":\"fundingHistory\",\"coin\":\"BTC\",\"startTime\":1,\"endTime\":2}");
        assertThat(HyperliquidWire.metaRequest("xyz")).isEqualTo("{\"type\":\"meta\",\"dex\":\"xyz\"}");
        assertThat(HyperliquidWire.metaAndAssetCtxsRequest()).isEqualTo("{\"type\":\"metaAndAssetCtxs\"}");
    }
}
