package io.hypertrader.live.sign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Computes {@code k·G} on secp256k1 for a secret ECDSA nonce k: the one elliptic-curve operation
 * signing needs, and about 85% of its cost. Every implementation must run in constant time with
 * respect to k (k reveals the private key). Two exist: bitcoin-core's libsecp256k1 through a JNI
 * binding (preferred, about 14 us) and BouncyCastle's fixed-point comb (pure Java, about 60 us),
 * used when the native library cannot be loaded or when {@code -Dhypertrader.secp256k1=java}.
 */
interface GeneratorMultiplier {

    /** The affine point k·G: its x coordinate (0 <= x < p) and whether its y coordinate is odd. */
    record NoncePoint(BigInteger x, boolean yOdd) {
    }

    /** k·G for 1 <= k < n, in constant time with respect to k. */
    NoncePoint multiply(BigInteger k);

    /** A short label for logs and benchmark details ("libsecp256k1" or "bouncycastle"). */
    String label();

    /** The pure-Java implementation (always available). */
    static GeneratorMultiplier bouncyCastle() {
        return BouncyCastleMultiplier.INSTANCE;
    }

    /** libsecp256k1, or empty (with the reason logged once) when its native library cannot be loaded here. */
    static Optional<GeneratorMultiplier> libsecp256k1() {
        return Optional.ofNullable(Preferred.NATIVE);
    }

    /** What {@link Secp256k1#sign(byte[], BigInteger)} uses: libsecp256k1 when it loads, else BouncyCastle. */
    static GeneratorMultiplier preferred() {
        return Preferred.CHOSEN;
    }

    /** Chooses once per JVM, lazily (loading the native library extracts it to a temporary directory). */
    final class Preferred {
        private static final Logger LOG = LoggerFactory.getLogger(GeneratorMultiplier.class);
        /** System property: "java" forces the pure-Java path; anything else (or unset) prefers native. */
        static final String PROPERTY = "hypertrader.secp256k1";
        static final GeneratorMultiplier NATIVE = loadNative();
        static final GeneratorMultiplier CHOSEN = choose();

        private Preferred() {
        }

        private static GeneratorMultiplier loadNative() {
            try {
                return LibSecp256k1Multiplier.load();
            } catch (LinkageError | RuntimeException e) {
                // One line, no stack trace: the cause is the platform, not a bug. No key is involved yet.
                LOG.warn("secp256k1: native libsecp256k1 unavailable on {}/{} ({}: {}); signing with pure-Java "
                                + "BouncyCastle (same signatures, about 3x slower)",
                        System.getProperty("os.name"), System.getProperty("os.arch"),
                        e.getClass().getSimpleName(), e.getMessage());
                return null;
            }
        }

        private static GeneratorMultiplier choose() {
            return choose(System.getProperty(PROPERTY), NATIVE);
        }

        /** The rule, separated so it can be tested without restarting the JVM. */
        static GeneratorMultiplier choose(String property, GeneratorMultiplier nativeOrNull) {
            if (property != null && "java".equals(property.trim().toLowerCase(Locale.ROOT))) {
                return bouncyCastle();
            }
            return nativeOrNull != null ? nativeOrNull : bouncyCastle();
        }
    }
}
