package io.hypertrader.live.sign;

import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * k·G with bitcoin-core's libsecp256k1 ({@code secp256k1_ec_pubkey_create}, i.e. its
 * constant-time, blinded {@code ecmult_gen}) through ACINQ's JNI binding
 * (fr.acinq.secp256k1:secp256k1-kmp). Why k·G and not the library's whole ECDSA: the binding
 * signs only in compact form without the recovery id, and recovering it costs a public-key
 * recovery (about 32 us) on top of the signature (about 20 us), more than this path's total.
 * Computing k·G here keeps RFC 6979 and the scalar arithmetic where they were, so signatures
 * stay identical to web3j's bit for bit, and the private key never crosses into native code.
 */
final class LibSecp256k1Multiplier implements GeneratorMultiplier {

    private final fr.acinq.secp256k1.Secp256k1 lib;

    private LibSecp256k1Multiplier(fr.acinq.secp256k1.Secp256k1 lib) {
        this.lib = lib;
    }

    /**
     * Loads the native library (extracted from the jar to a temporary directory) and checks it on
     * two known answers, 1·G and (n-1)·G = -G.
     *
     * @throws LinkageError or RuntimeException when the platform has no bundled library or it misbehaves
     */
    static LibSecp256k1Multiplier load() {
        LibSecp256k1Multiplier m = new LibSecp256k1Multiplier(fr.acinq.secp256k1.Secp256k1.get());
        BigInteger gx = Sign.CURVE_PARAMS.getG().getAffineXCoord().toBigInteger();
        boolean gyOdd = Sign.CURVE_PARAMS.getG().getAffineYCoord().testBitZero();
        NoncePoint one = m.multiply(BigInteger.ONE);
        NoncePoint minusOne = m.multiply(Sign.CURVE_PARAMS.getN().subtract(BigInteger.ONE));
        if (!one.equals(new NoncePoint(gx, gyOdd)) || !minusOne.equals(new NoncePoint(gx, !gyOdd))) {
            throw new IllegalStateException("libsecp256k1 self-test failed: 1*G or (n-1)*G is wrong");
        }
        return m;
    }

    @Override
    public NoncePoint multiply(BigInteger k) {
        byte[] scalar = BigIntegers.asUnsignedByteArray(32, k);
        try {
            byte[] p = lib.pubkeyCreate(scalar); // SEC1 uncompressed: 0x04 || x (32) || y (32)
            if (p.length != 65 || p[0] != 4) {
                throw new IllegalStateException("libsecp256k1 returned a " + p.length + "-byte point, expected 65 uncompressed");
            }
            return new NoncePoint(new BigInteger(1, p, 1, 32), (p[64] & 1) == 1);
        } finally {
            Arrays.fill(scalar, (byte) 0); // k is as secret as the key: wipe our copy
        }
    }

    @Override
    public String toString() {
        return label();
    }

    @Override
    public String label() {
        return "libsecp256k1";
    }
}
