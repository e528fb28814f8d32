package io.hypertrader.live.sign;

import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * EIP-712 digests for the two Hyperliquid signing schemes, built by hand from Keccak-256 so the
 * hot path does no JSON round-trip: the L1 "phantom agent" ({@code Agent(string source,bytes32
 * connectionId)} in domain Exchange/1/chainId 1337) and the user-signed
 * {@code HyperliquidTransaction:*} structs in domain HyperliquidSignTransaction/1/signatureChainId.
 * Cross-checked against web3j's {@code StructuredDataEncoder} in the tests.
 */
public final class Eip712 {

    static final byte[] DOMAIN_TYPEHASH = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    static final byte[] AGENT_TYPEHASH = keccak("Agent(string source,bytes32 connectionId)");
    /** The L1 domain is the same on both networks: the network enters only via the agent source. */
    static final byte[] L1_DOMAIN_SEPARATOR = domainSeparator("Exchange", "1", BigInteger.valueOf(1337));
    private static final byte[] SOURCE_MAINNET = keccak("a");
    private static final byte[] SOURCE_TESTNET = keccak("b");

    private Eip712() {
    }

    /** One field of a user-signed struct: its EIP-712 name and type (string, address, uint64, bool, bytes32). */
    public record Field(String name, String type) {
        public Field {
            if (!List.of("string", "address", "uint64", "uint256", "bool", "bytes32").contains(type)) {
                throw new IllegalArgumentException("unsupported EIP-712 type " + type);
            }
        }
    }

    /** The final digest an L1 action is signed over. */
    public static byte[] l1Digest(byte[] connectionId, boolean mainnet) {
        byte[] struct = agentStructHash(connectionId, mainnet);
        return digest(L1_DOMAIN_SEPARATOR, struct);
    }

    static byte[] agentStructHash(byte[] connectionId, boolean mainnet) {
        if (connectionId.length != 32) {
            throw new IllegalArgumentException("connectionId must be 32 bytes, got " + connectionId.length);
        }
        byte[] buf = new byte[96];
        System.arraycopy(AGENT_TYPEHASH, 0, buf, 0, 32);
        System.arraycopy(mainnet ? SOURCE_MAINNET : SOURCE_TESTNET, 0, buf, 32, 32);
        System.arraycopy(connectionId, 0, buf, 64, 32);
        return Hash.sha3(buf);
    }

    /** keccak256(typehash || name || version || chainId || verifyingContract = 0x0). */
    public static byte[] domainSeparator(String name, String version, BigInteger chainId) {
        byte[] buf = new byte[160];
        System.arraycopy(DOMAIN_TYPEHASH, 0, buf, 0, 32);
        System.arraycopy(keccak(name), 0, buf, 32, 32);
        System.arraycopy(keccak(version), 0, buf, 64, 32);
        System.arraycopy(uint256(chainId), 0, buf, 96, 32);
        // verifyingContract = zero address: already 32 zero bytes
        return Hash.sha3(buf);
    }

    /** keccak256(0x19 0x01 || domainSeparator || structHash). */
    public static byte[] digest(byte[] domainSeparator, byte[] structHash) {
        byte[] buf = new byte[66];
        buf[0] = 0x19;
        buf[1] = 0x01;
        System.arraycopy(domainSeparator, 0, buf, 2, 32);
        System.arraycopy(structHash, 0, buf, 34, 32);
        return Hash.sha3(buf);
    }

    /** The EIP-712 type string, e.g. {@code HyperliquidTransaction:UsdSend(string hyperliquidChain,...)}. */
    public static String typeString(String primaryType, List<Field> fields) {
        StringBuilder sb = new StringBuilder(primaryType).append('(');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(fields.get(i).type()).append(' ').append(fields.get(i).name());
        }
        return sb.append(')').toString();
    }

    /**
     * Struct hash of a user-signed message. {@code values} are in field order: String for string and
     * address, Number/BigInteger for uints, Boolean for bool, byte[32] for bytes32.
     */
    public static byte[] structHash(String primaryType, List<Field> fields, List<Object> values) {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException("expected " + fields.size() + " values, got " + values.size());
        }
        byte[] buf = new byte[32 * (fields.size() + 1)];
        System.arraycopy(keccak(typeString(primaryType, fields)), 0, buf, 0, 32);
        for (int i = 0; i < fields.size(); i++) {
            System.arraycopy(encodeValue(fields.get(i), values.get(i)), 0, buf, 32 * (i + 1), 32);
        }
        return Hash.sha3(buf);
    }

    private static byte[] encodeValue(Field f, Object v) {
        return switch (f.type()) {
            case "string" -> keccak(requireType(f, v, String.class));
            case "address" -> {
                byte[] out = new byte[32];
                System.arraycopy(Addresses.bytes(requireType(f, v, String.class)), 0, out, 12, 20);
                yield out;
            }
            case "uint64", "uint256" -> {
                BigInteger n = v instanceof BigInteger b ? b : BigInteger.valueOf(requireType(f, v, Number.class).longValue());
                if (n.signum() < 0 || n.bitLength() > (f.type().equals("uint64") ? 64 : 256)) {
                    throw new IllegalArgumentException(f.name() + ": " + n + " is out of range for " + f.type());
                }
                yield uint256(n);
            }
            case "bool" -> {
                byte[] out = new byte[32];
                out[31] = (byte) (requireType(f, v, Boolean.class) ? 1 : 0);
                yield out;
            }
            case "bytes32" -> {
                byte[] b = requireType(f, v, byte[].class);
                if (b.length != 32) {
                    throw new IllegalArgumentException(f.name() + ": bytes32 needs 32 bytes, got " + b.length);
                }
                yield b.clone();
            }
            default -> throw new IllegalStateException(f.type());
        };
    }

    private static <T> T requireType(Field f, Object v, Class<T> type) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(f.name() + ": expected " + type.getSimpleName() + " for EIP-712 type "
                    + f.type() + ", got " + (v == null ? "nothing" : v.getClass().getSimpleName()));
        }
        return type.cast(v);
    }

    static byte[] uint256(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] keccak(String s) {
        return Hash.sha3(s.getBytes(StandardCharsets.UTF_8));
    }
}
