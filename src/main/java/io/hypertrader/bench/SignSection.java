package io.hypertrader.bench;

import io.hypertrader.bench.harness.Fmt;
import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.Timer;
import io.hypertrader.core.Network;
import io.hypertrader.live.exchange.AssetRegistry;
import io.hypertrader.live.exchange.ExchangeOrder;
import io.hypertrader.live.exchange.OrderWire;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.sign.ExchangeRequest;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.live.sign.SigningWorkload;

import java.math.BigDecimal;
import java.util.List;

/**
 * Benchmark item 4: signing one order. The target row times the exchange package's own hook
 * ({@link SigningWorkload}: one BTC Gtc limit with a cloid, msgpack action hash, keccak,
 * phantom-agent EIP-712 digest, secp256k1 signature with recovery id). A second row times the
 * whole path from an order request, adding the order wire (grid rounding, canonical strings) and
 * a fresh client order id per call. A third row times the target workload on the pure-Java k·G
 * (what runs where libsecp256k1 cannot load). Keys are public test keys that hold nothing; every
 * call uses a new nonce, so nothing can be cached.
 */
final class SignSection implements BenchSection {
    static final String SIGN = "sign one order (msgpack, EIP-712, secp256k1)";
    static final String WIRE_AND_SIGN = "order request to signed /exchange body";
    static final String SIGN_PURE_JAVA = "sign one order, pure-Java fallback (BouncyCastle k*G)";
    /** A throw-away key for timing only (not a secret; it controls no account). */
    private static final String BENCH_KEY = "0x" + "42".repeat(32);
    private static final AssetRegistry ASSETS = AssetRegistry.of(new AssetRegistry.Asset("BTC", 0, 5, 40, false, false));

    @Override
    public String name() {
        return "sign";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        SigningWorkload workload = SigningWorkload.typicalOrder(Network.MAINNET);
        Measurement m = Timer.measure(Timer.Settings.of(o), workload::signOnce);
        HyperliquidSigner signer = new HyperliquidSigner(SigningKey.fromHex(BENCH_KEY), Network.MAINNET);
        long[] nonce = {1_700_000_000_000L};
        Measurement full = Timer.measure(Timer.Settings.of(o), () -> signOne(signer, nonce[0]++));
        Measurement pureJava = Timer.measure(Timer.Settings.of(o), SigningWorkload.typicalOrderPureJava(Network.MAINNET)::signOnce);
        return List.of(BenchRow.lowerIsBetter(SIGN, m.medianMicros(), 50, "us")
                        .withDetail("live.sign.SigningWorkload, k*G by " + workload.nonceMultiplier() + "; "
                                + FibHedgeSection.spread(m) + Fmt.f("; %s signatures/s on one thread", Fmt.rate(m.perSecond()))),
                BenchRow.lowerIsBetter(WIRE_AND_SIGN, full.medianMicros(), Double.NaN, "us")
                        .withDetail("OrderWire.orderAction (grid rounding, new cloid) + signL1; " + FibHedgeSection.spread(full)),
                BenchRow.lowerIsBetter(SIGN_PURE_JAVA, pureJava.medianMicros(), Double.NaN, "us")
                        .withDetail("the same workload where libsecp256k1 cannot load; " + FibHedgeSection.spread(pureJava)));
    }

    /** One BTC limit buy with a client order id, signed for mainnet. */
    static ExchangeRequest signOne(HyperliquidSigner signer, long nonce) {
        ExchangeOrder order = ExchangeOrder.limit("BTC", true, new BigDecimal("64123"), new BigDecimal("0.01234"),
                ExchangeOrder.Tif.GTC, Cloid.ofInt(nonce));
        return signer.signL1(OrderWire.orderAction(List.of(order), OrderWire.Grouping.NA, ASSETS), nonce);
    }
}
