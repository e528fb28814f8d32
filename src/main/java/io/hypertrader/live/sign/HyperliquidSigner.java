package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Network;
import io.hypertrader.live.sign.Eip712.Field;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signs Hyperliquid /exchange requests for one key on one network. L1 actions (orders, cancels,
 * leverage, scheduleCancel, ...) use the phantom-agent scheme: msgpack hash, then EIP-712
 * {@code Agent{source: "a" mainnet | "b" testnet, connectionId}}. User-signed actions
 * (approveAgent, usdSend, withdraw3, ...) sign their own fields under domain
 * HyperliquidSignTransaction with {@code hyperliquidChain} naming the network.
 *
 * <p>Thread-safe and stateless apart from the key; nonces come from the caller (see
 * {@link NonceSource}).
 */
public final class HyperliquidSigner {

    /** The chain id wallets sign user actions on (Arbitrum Sepolia, as the official SDK does). */
    public static final String DEFAULT_SIGNATURE_CHAIN_ID = "0x66eee";

    private final SigningKey key;
    private final Network network;
    private final GeneratorMultiplier nonceMultiplier;

    public HyperliquidSigner(SigningKey key, Network network) {
        this(key, network, GeneratorMultiplier.preferred());
    }

    /** A signer on a given k·G implementation (libsecp256k1 or BouncyCastle): for the tests and the benchmark. */
    HyperliquidSigner(SigningKey key, Network network, GeneratorMultiplier nonceMultiplier) {
        this.key = Objects.requireNonNull(key, "key");
        this.network = Objects.requireNonNull(network, "network");
        this.nonceMultiplier = Objects.requireNonNull(nonceMultiplier, "nonceMultiplier");
    }

    public Network network() {
        return network;
    }

    /** The address that signs (and whose nonce set is used): the agent address for an API wallet. */
    public String signerAddress() {
        return key.address();
    }

    /**
     * Signs an L1 action and returns the request body.
     *
     * @param vaultAddress sub-account or vault to act for, or null
     * @param expiresAfter ms timestamp after which the action is void, or empty
     */
    public ExchangeRequest signL1(ObjectNode action, long nonce, String vaultAddress, OptionalLong expiresAfter) {
        if (UserSignedType.forAction(action.path("type").asText()).isPresent()) {
            throw new IllegalArgumentException("action type '" + action.path("type").asText()
                    + "' is user-signed, not an L1 action: use signUserAction");
        }
        String vault = vaultAddress == null ? null : Addresses.normalize(vaultAddress, "vaultAddress");
        byte[] digest = l1Digest(action, nonce, vault, expiresAfter, network);
        Signature sig = key.signDigest(digest, nonceMultiplier);
        return new ExchangeRequest(action, nonce, sig, vault, expiresAfter.isPresent() ? expiresAfter.getAsLong() : null);
    }

    /** Signs an L1 action without vault or expiry. */
    public ExchangeRequest signL1(ObjectNode action, long nonce) {
        return signL1(action, nonce, null, OptionalLong.empty());
    }

    /**
     * Signs a user-signed action. {@code signatureChainId} and {@code hyperliquidChain} are appended
     * when absent (as the SDK does) and checked when present; the outer nonce is the action's
     * {@code time}/{@code nonce} field. Must be the account key, not an agent.
     */
    public ExchangeRequest signUserAction(ObjectNode action) {
        String type = action.path("type").asText();
        UserSignedType ust = UserSignedType.forAction(type).orElseThrow(() -> new IllegalArgumentException(
                "action type '" + type + "' is not a user-signed action"));
        String chain = network.isMainnet() ? "Mainnet" : "Testnet";
        if (!action.has("signatureChainId")) {
            action.put("signatureChainId", DEFAULT_SIGNATURE_CHAIN_ID);
        }
        if (!action.has("hyperliquidChain")) {
            action.put("hyperliquidChain", chain);
        } else if (!chain.equals(action.get("hyperliquidChain").asText())) {
            throw new IllegalArgumentException("action.hyperliquidChain is '" + action.get("hyperliquidChain").asText()
                    + "' but the network is " + network + " (expected '" + chain + "')");
        }
        JsonNode nonceNode = action.path(ust.nonceField());
        if (!nonceNode.isIntegralNumber()) {
            throw new IllegalArgumentException("action." + ust.nonceField() + " must be an integer ms timestamp");
        }
        byte[] digest = userDigest(action, ust);
        return new ExchangeRequest(action, nonceNode.longValue(), key.signDigest(digest, nonceMultiplier), null, null);
    }

    /** Signs an {@code approveAgent} action authorising {@code agentAddress} (name may be empty: unnamed agent). */
    public ExchangeRequest approveAgent(String agentAddress, String agentName, long nonce) {
        ObjectNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        a.put("type", "approveAgent");
        a.put("agentAddress", Addresses.normalize(agentAddress, "agentAddress"));
        a.put("agentName", agentName == null ? "" : agentName);
        a.put("nonce", nonce);
        ExchangeRequest signed = signUserAction(a);
        if (agentName == null || agentName.isEmpty()) {
            // The SDK signs the empty name and then drops the key from the posted action.
            signed.action().remove("agentName");
        }
        return signed;
    }

    // ---- digests (static: the fake exchange rebuilds them from the JSON it receives) ----

    /** The EIP-712 digest of an L1 action. */
    public static byte[] l1Digest(JsonNode action, long nonce, String vaultAddress, OptionalLong expiresAfter, Network network) {
        byte[] connectionId = ActionHash.connectionId(action, nonce, vaultAddress, expiresAfter);
        return Eip712.l1Digest(connectionId, network.isMainnet());
    }

    /** The EIP-712 digest of a user-signed action (fields read from the action by name). */
    public static byte[] userDigest(JsonNode action, UserSignedType type) {
        BigInteger chainId = Numeric.toBigInt(action.path("signatureChainId").asText("0x0"));
        byte[] domain = Eip712.domainSeparator("HyperliquidSignTransaction", "1", chainId);
        List<Object> values = new ArrayList<>();
        for (Field f : type.fields()) {
            JsonNode v = action.get(f.name());
            if (v == null && f.name().equals("agentName")) {
                v = com.fasterxml.jackson.databind.node.TextNode.valueOf(""); // unnamed agent: posted without the key
            }
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("action." + f.name() + " is required for " + type.actionType());
            }
            values.add(switch (f.type()) {
                case "string", "address" -> v.asText();
                case "bool" -> v.asBoolean();
                default -> v.bigIntegerValue();
            });
        }
        return Eip712.digest(domain, Eip712.structHash(type.primaryType(), type.fields(), values));
    }

    /**
     * The digest the exchange would rebuild from a received body, for either scheme. The fake
     * exchange uses it to recover the signer; a network mismatch yields a different address.
     */
    public static byte[] digestOf(ExchangeRequest req, Network network) {
        Optional<UserSignedType> ust = UserSignedType.forAction(req.type());
        if (ust.isPresent()) {
            return userDigest(req.action(), ust.get());
        }
        return l1Digest(req.action(), req.nonce(), req.vaultAddress(),
                req.expiresAfter() == null ? OptionalLong.empty() : OptionalLong.of(req.expiresAfter()), network);
    }
}
