package io.hypertrader.live.sign;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.Sign;

import java.math.BigInteger;

/**
 * k·G with BouncyCastle's fixed-point comb (the multiplier BouncyCastle's own ECDSA signer uses):
 * constant-time table lookups over 256-bit field arithmetic in pure Java. Its precomputed table
 * is built on first use and cached on the generator point.
 */
final class BouncyCastleMultiplier implements GeneratorMultiplier {

    static final BouncyCastleMultiplier INSTANCE = new BouncyCastleMultiplier();
    private static final ECPoint G = Sign.CURVE_PARAMS.getG();
    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    private BouncyCastleMultiplier() {
    }

    @Override
    public NoncePoint multiply(BigInteger k) {
        ECPoint p = COMB.multiply(G, k).normalize();
        return new NoncePoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().testBitZero());
    }

    @Override
    public String toString() {
        return label();
    }

    @Override
    public String label() {
        return "bouncycastle";
    }
}
