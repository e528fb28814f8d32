package io.hypertrader.live.sign;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native k·G (libsecp256k1) against the pure-Java one (BouncyCastle) point for point, and the
 * rule that picks between them.
 */
class GeneratorMultiplierTest {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    @Test
    void libsecp256k1LoadsWhereItShipsAndIsPreferredThere() {
        assumeTrue(Multipliers.nativeExpected(), "no bundled libsecp256k1 for this platform");
        GeneratorMultiplier n = Multipliers.nativeOne().orElseThrow();
        assertThat(n.label()).isEqualTo("libsecp256k1");
        if (System.getProperty(GeneratorMultiplier.Preferred.PROPERTY) == null) {
            assertThat(GeneratorMultiplier.preferred()).isSameAs(n);
        }
    }

    @Test
    void nativeAndPureJavaAgreeOnEdgeAndRandomScalars() {
        GeneratorMultiplier nat = Multipliers.nativeOne().orElse(null);
        assumeTrue(nat != null, "no libsecp256k1 on this platform");
        GeneratorMultiplier bc = GeneratorMultiplier.bouncyCastle();
        List<BigInteger> ks = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
                N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO), N.shiftRight(1), N.shiftRight(1).add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                new BigInteger("ff", 16))); // a one-byte scalar: 31 leading zero bytes in the native encoding
        SplittableRandom rnd = new SplittableRandom(71);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[32];
            rnd.nextBytes(b);
            if (i % 4 == 0) {
                b[0] = 0; // exercise leading zero bytes
            }
            BigInteger k = new BigInteger(1, b).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            ks.add(k);
        }
        for (BigInteger k : ks) {
            assertThat(nat.multiply(k)).as("k = %s", k.toString(16)).isEqualTo(bc.multiply(k));
        }
        // Both parities occur, so a parity bug cannot hide behind a constant.
        assertThat(ks.stream().map(k -> nat.multiply(k).yOdd()).distinct()).hasSize(2);
    }

    @Test
    void javaPropertyForcesThePureJavaPathAndMissingNativeFallsBack() {
        GeneratorMultiplier fakeNative = new GeneratorMultiplier() {
            @Override
            public NoncePoint multiply(BigInteger k) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String label() {
                return "fake-native";
            }
        };
        GeneratorMultiplier bc = GeneratorMultiplier.bouncyCastle();
        assertThat(GeneratorMultiplier.Preferred.choose(null, () -> fakeNative)).isSameAs(fakeNative);
        assertThat(GeneratorMultiplier.Preferred.choose("native", () -> fakeNative)).isSameAs(fakeNative);
        assertThat(GeneratorMultiplier.Preferred.choose(" Java ", () -> {
            throw new AssertionError("forcing java must not even load the native library");
        })).isSameAs(bc);
        assertThat(GeneratorMultiplier.Preferred.choose(null, () -> null)).isSameAs(bc);
        assertThat(GeneratorMultiplier.Preferred.choose("native", () -> null)).isSameAs(bc);
    }

    @Test
    void fallbackLogNamesTheInnermostCause() {
        Throwable wrapped = new ExceptionInInitializerError(new IllegalStateException("Could not load native Secp256k1 JNI library"));
        assertThat(GeneratorMultiplier.Native.rootCause(wrapped))
                .isEqualTo("IllegalStateException: Could not load native Secp256k1 JNI library");
        assertThat(GeneratorMultiplier.Native.rootCause(new UnsatisfiedLinkError())).isEqualTo("UnsatisfiedLinkError");
    }
}
