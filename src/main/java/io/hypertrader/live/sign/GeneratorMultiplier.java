package io.hypertrader.live.sign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

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
        return Optional.ofNullable(Native.INSTANCE);
    }

    /**
     * What {@link Secp256k1#sign(byte[], BigInteger)} uses: libsecp256k1 when it loads, else
     * BouncyCastle. {@code -Dhypertrader.secp256k1=java} selects BouncyCastle without even
     * loading the native library.
     */
    static GeneratorMultiplier preferred() {
        return Preferred.CHOSEN;
    }

    /** Chooses once per JVM, on first use. */
    final class Preferred {
        /** System property: "java" forces the pure-Java path; anything else (or unset) prefers native. */
        static final String PROPERTY = "hypertrader.secp256k1";
        static final GeneratorMultiplier CHOSEN = choose(System.getProperty(PROPERTY), () -> Native.INSTANCE);

        private Preferred() {
        }

        /** The rule, separated so it can be tested without restarting the JVM; {@code nativeOrNull} is asked only when needed. */
        static GeneratorMultiplier choose(String property, Supplier<GeneratorMultiplier> nativeOrNull) {
            if (property != null && "java".equals(property.trim().toLowerCase(Locale.ROOT))) {
                return bouncyCastle();
            }
            GeneratorMultiplier n = nativeOrNull.get();
            return n != null ? n : bouncyCastle();
        }
    }

    /** Loads libsecp256k1 once, lazily (it is extracted from the jar to a temporary directory). */
    final class Native {
        private static final Logger LOG = LoggerFactory.getLogger(GeneratorMultiplier.class);
        static final GeneratorMultiplier INSTANCE = load();

        private Native() {
        }

        private static GeneratorMultiplier load() {
            try {
                return LibSecp256k1Multiplier.load();
            } catch (LinkageError | RuntimeException e) {
                // One line, no stack trace: the cause is the platform, not a bug. No key is involved yet.
                LOG.warn("secp256k1: native libsecp256k1 unavailable on {}/{} ({}); signing with pure-Java "
                                + "BouncyCastle (same signatures, about 3x slower)",
                        System.getProperty("os.name"), System.getProperty("os.arch"), rootCause(e));
                return null;
            }
        }

        /** "Type: message" of the innermost cause (the loader wraps its reason in ExceptionInInitializerError). */
        static String rootCause(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
    }
}
