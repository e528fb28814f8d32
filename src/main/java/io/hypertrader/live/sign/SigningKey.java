package io.hypertrader.live.sign;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A secp256k1 private key that signs Hyperliquid requests: the account key or an API (agent)
 * wallet key. The key material never leaves this object except encrypted (keystore v3): no
 * accessor returns it, {@link #toString()} shows only the address, and every error message
 * omits the input.
 */
public final class SigningKey {

    private static final Pattern HEX_KEY = Pattern.compile("^(0x)?[0-9a-fA-F]{64}$");
    private static final BigInteger CURVE_N = Sign.CURVE_PARAMS.getN();

    private final ECKeyPair keyPair;
    private final String address;

    private SigningKey(ECKeyPair keyPair) {
        this.keyPair = keyPair;
        this.address = "0x" + Keys.getAddress(keyPair);
    }

    /**
     * Parses a hex private key (64 hex digits, optional 0x, surrounding whitespace ignored). The
     * caller should wipe {@code hex} afterwards; this method does not keep it.
     *
     * @throws IllegalArgumentException with a message that never contains the input
     */
    public static SigningKey fromHex(char[] hex) {
        String s = new String(hex).trim();
        if (!HEX_KEY.matcher(s).matches()) {
            throw new IllegalArgumentException("not a private key: expected 64 hex digits (optionally prefixed by 0x), got "
                    + s.length() + " characters");
        }
        BigInteger d = new BigInteger(s.startsWith("0x") ? s.substring(2) : s, 16);
        if (d.signum() == 0 || d.compareTo(CURVE_N) >= 0) {
            throw new IllegalArgumentException("not a private key: the value is outside the secp256k1 range");
        }
        return new SigningKey(ECKeyPair.create(d));
    }

    /** Convenience for tests and known public test keys; prefer {@link #fromHex(char[])}. */
    public static SigningKey fromHex(String hex) {
        char[] c = hex.toCharArray();
        try {
            return fromHex(c);
        } finally {
            Arrays.fill(c, '\0');
        }
    }

    /** A fresh random key (for a new API wallet: never reuse an agent address). */
    public static SigningKey generate(java.security.SecureRandom random) {
        BigInteger d;
        do {
            d = new BigInteger(256, random);
        } while (d.signum() == 0 || d.compareTo(CURVE_N) >= 0);
        return new SigningKey(ECKeyPair.create(d));
    }

    /** Decrypts an Ethereum keystore v3 file. */
    public static SigningKey fromKeystore(WalletFile file, String passphrase) throws CipherException {
        return new SigningKey(Wallet.decrypt(passphrase, file));
    }

    /**
     * Encrypts this key as an Ethereum keystore v3 file (scrypt). {@code light} uses web3j's light
     * scrypt parameters (n = 4096) and exists for tests; real keys use the standard n = 262144.
     */
    public WalletFile toKeystore(String passphrase, boolean light) throws CipherException {
        return light ? Wallet.createLight(passphrase, keyPair) : Wallet.createStandard(passphrase, keyPair);
    }

    /** The signer's address, lowercase with 0x (the agent address when this is an API wallet). */
    public String address() {
        return address;
    }

    /** Signs a 32-byte digest directly (no Ethereum message prefix); v is 27 or 28. */
    Signature signDigest(byte[] digest) {
        return Secp256k1.sign(digest, keyPair.getPrivateKey());
    }

    /** Signs with a given k·G implementation (the tests run every path). */
    Signature signDigest(byte[] digest, GeneratorMultiplier nonceMultiplier) {
        return Secp256k1.sign(digest, keyPair.getPrivateKey(), nonceMultiplier);
    }

    /** web3j's reference path (recovers v by trial), kept for the cross-check in the tests. */
    Sign.SignatureData signDigestWeb3j(byte[] digest) {
        return Sign.signMessage(digest, keyPair, false);
    }

    @Override
    public String toString() {
        return "SigningKey[address=" + address + ", key=<redacted>]";
    }
}
