package io.hypertrader.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.live.keys.KeyResolver;
import io.hypertrader.live.keys.KeyStore;
import io.hypertrader.live.keys.SecretPrompt;
import io.hypertrader.live.sign.ActionMsgpack;
import io.hypertrader.live.sign.Addresses;
import io.hypertrader.live.sign.ExchangeRequest;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.live.sign.UserSignedType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code hypertrader sign}: prints the exact JSON body that would be POSTed to /exchange for an
 * action file, for debugging and offline signing. Nothing is sent.
 */
@Command(name = "sign", description = {
        "Sign an action offline and print the exact JSON body for POST /exchange; nothing is sent.",
        "The body: {\"action\":..,\"nonce\":..,\"signature\":{\"r\",\"s\",\"v\"}[,\"vaultAddress\"][,\"expiresAfter\"]}.",
        "The action file's key order is kept (it is what gets hashed); integers stay integers and",
        "floating-point numbers are refused (write prices and sizes as strings). User-signed actions",
        "(approveAgent, usdSend, withdraw3, ...) are detected by their type and signed with that scheme.",
        "The key comes from the key store (--key, $" + KeyResolver.PASSPHRASE_ENV + ") or $" + KeyResolver.PRIVATE_KEY_ENV + "."})
final class SignCommand implements Runnable {

    /**
     * Strict parser: duplicate keys are an error, big integers stay exact. In a holder so that
     * building the command tree (every command's start, --help too) does not build a Jackson mapper.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--action-file", required = true, paramLabel = "FILE", description = "JSON file holding the action object.")
    Path actionFile;

    @Option(names = "--nonce", required = true, paramLabel = "N", description = "Nonce (ms timestamp, unique per signer).")
    long nonce;

    @Option(names = "--vault", paramLabel = "0x..", description = "Sub-account or vault address to act for (L1 actions only).")
    String vault;

    @Option(names = "--expires-after", paramLabel = "MS", description = "Epoch ms after which the exchange rejects the action (L1 actions only).")
    Long expiresAfter;

    @Option(names = "--key", paramLabel = "ADDRESS", description = "Which stored key signs (default: the only one).")
    String keyAddress;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (nonce < 0) {
            throw UserError.usage("--nonce: must not be negative, got " + nonce);
        }
        if (expiresAfter != null && expiresAfter < 0) {
            throw UserError.usage("--expires-after: must not be negative, got " + expiresAfter);
        }
        String vaultAddress = null;
        if (vault != null) {
            try {
                vaultAddress = Addresses.normalize(vault, "--vault");
            } catch (IllegalArgumentException e) {
                throw UserError.usage(e.getMessage());
            }
        }
        ObjectNode action = readAction();
        Network network = root.network();
        String type = action.get("type").asText();
        Optional<UserSignedType> userSigned = UserSignedType.forAction(type);
        if (userSigned.isPresent() && (vaultAddress != null || expiresAfter != null)) {
            throw UserError.usage("--vault and --expires-after do not apply to the user-signed action '" + type + "'");
        }
        SigningKey key = new KeyResolver(root.env(), KeyStore.forEnv(root.env()), SecretPrompt.system(), root.err())
                .resolve(keyAddress);
        HyperliquidSigner signer = new HyperliquidSigner(key, network);
        ExchangeRequest req;
        try {
            if (userSigned.isPresent()) {
                JsonNode inner = action.get(userSigned.get().nonceField());
                if (inner == null || !inner.isIntegralNumber() || inner.longValue() != nonce) {
                    throw UserError.usage("--nonce " + nonce + " must equal action." + userSigned.get().nonceField()
                            + " (" + (inner == null ? "missing" : inner.asText()) + ") for the user-signed action '" + type + "'");
                }
                req = signer.signUserAction(action);
            } else {
                req = signer.signL1(action, nonce, vaultAddress,
                        expiresAfter == null ? OptionalLong.empty() : OptionalLong.of(expiresAfter));
            }
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--action-file " + actionFile + ": " + e.getMessage());
        }
        try {
            root.out().println(Json.MAPPER.writeValueAsString(req.toJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (!root.quiet()) {
            root.err().println("signed " + (userSigned.isPresent() ? "user-signed" : "L1") + " action '" + type + "' for "
                    + network + " by " + key.address() + " (nothing was sent)");
        }
    }

    private ObjectNode readAction() {
        if (!Files.isRegularFile(actionFile)) {
            throw UserError.usage("--action-file: " + actionFile + " is not a readable file");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(actionFile.toFile());
        } catch (JsonProcessingException e) {
            throw UserError.usage("--action-file " + actionFile + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw UserError.usage("--action-file " + actionFile + ": " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw UserError.usage("--action-file " + actionFile + ": must hold one JSON object (the action)");
        }
        if (!node.path("type").isTextual()) {
            throw UserError.usage("--action-file " + actionFile + ": the action needs a string \"type\" (e.g. \"order\")");
        }
        try {
            ActionMsgpack.validate(node);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--action-file " + actionFile + ": " + e.getMessage());
        }
        return (ObjectNode) node;
    }
}
