package io.hypertrader.live.sign;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Sign;

import java.math.BigInteger;

/**
 * Deterministic secp256k1 ECDSA (RFC 6979 k, low-s) that also returns the recovery id, built from
 * the same BouncyCastle primitives web3j's {@code ECKeyPair.sign} uses. Why not
 * {@code Sign.signMessage}: it finds v by recovering the public key for up to four candidate ids,
 * which costs three times the signature itself; the id is simply the parity of the nonce point's
 * y (flipped when s is normalised to the low half). The tests check r, s and v against web3j
 * bit for bit on the official vectors and on random keys and digests, through both
 * {@link GeneratorMultiplier}s.
 *
 * <p>The nonce point k·G is delegated to a {@link GeneratorMultiplier}: libsecp256k1 when its
 * native library loads (about 14 us), else BouncyCastle's comb (about 60 us). RFC 6979 (HMAC-SHA256),
 * the constant-time modular inverse and the final scalar arithmetic stay as BouncyCastle's own
 * {@code ECDSASigner} does them, so both paths give identical signatures.
 */
final class Secp256k1 {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    private Secp256k1() {
    }

    /** Signs a 32-byte digest directly with the preferred k·G; returns r, s and v = 27 + recovery id. */
    static Signature sign(byte[] digest, BigInteger privateKey) {
        return sign(digest, privateKey, GeneratorMultiplier.preferred());
    }

    /** Signs with a given k·G implementation (the tests run both). */
    static Signature sign(byte[] digest, BigInteger privateKey, GeneratorMultiplier nonceMultiplier) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes, got " + digest.length);
        }
        BigInteger e = new BigInteger(1, digest); // 256-bit digest, 256-bit order: no truncation
        HMacDSAKCalculator kCalc = new HMacDSAKCalculator(new SHA256Digest());
        kCalc.init(N, privateKey, digest);
        while (true) {
            BigInteger k = kCalc.nextK();
            GeneratorMultiplier.NoncePoint p = nonceMultiplier.multiply(k);
            BigInteger x = p.x();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recId = p.yOdd() ? 1 : 0;
            if (x.compareTo(N) >= 0) {
                // R.x overflowed the group order (probability ~2^-128): Ethereum's v cannot express it.
                continue;
            }
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s); // low-s form; negating s mirrors R, flipping the y parity
                recId ^= 1;
            }
            return new Signature(r, s, 27 + recId);
        }
    }
}
