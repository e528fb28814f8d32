package io.hypertrader.live.sign;

import org.web3j.utils.Numeric;

import java.util.Locale;
import java.util.regex.Pattern;

/** Ethereum address helpers: validation and the lowercase 0x form Hyperliquid signs and expects. */
public final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile("^(0x)?[0-9a-fA-F]{40}$");

    private Addresses() {
    }

    /**
     * The address in lowercase with a {@code 0x} prefix (a missing prefix is added).
     *
     * @throws IllegalArgumentException naming {@code what} when it is not 20 bytes of hex
     */
    public static String normalize(String address, String what) {
        String a = address == null ? "" : address.trim();
        if (!ADDRESS.matcher(a).matches()) {
            throw new IllegalArgumentException(what + ": '" + a + "' is not an address (0x followed by 40 hex digits)");
        }
        return (a.startsWith("0x") ? a : "0x" + a).toLowerCase(Locale.ROOT);
    }

    /** The 20 raw bytes of an address. */
    public static byte[] bytes(String address) {
        return Numeric.hexStringToByteArray(normalize(address, "address"));
    }

    public static boolean isAddress(String s) {
        return s != null && ADDRESS.matcher(s.trim()).matches();
    }
}
