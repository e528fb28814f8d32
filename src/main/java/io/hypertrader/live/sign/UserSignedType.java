package io.hypertrader.live.sign;

import io.hypertrader.live.sign.Eip712.Field;

import java.util.List;
import java.util.Optional;

/**
 * The user-signed actions (plain EIP-712 over the action's fields, domain
 * HyperliquidSignTransaction): action type, primary type and the signed fields in order. They
 * must be signed by the account key, never by an API wallet. The last field is the action's
 * nonce ({@code time} or {@code nonce}), which must equal the request's outer nonce.
 */
public enum UserSignedType {
    USD_SEND("usdSend", "HyperliquidTransaction:UsdSend",
            f("hyperliquidChain", "string"), f("destination", "string"), f("amount", "string"), f("time", "uint64")),
    SPOT_SEND("spotSend", "HyperliquidTransaction:SpotSend",
            f("hyperliquidChain", "string"), f("destination", "string"), f("token", "string"), f("amount", "string"),
            f("time", "uint64")),
    WITHDRAW("withdraw3", "HyperliquidTransaction:Withdraw",
            f("hyperliquidChain", "string"), f("destination", "string"), f("amount", "string"), f("time", "uint64")),
    USD_CLASS_TRANSFER("usdClassTransfer", "HyperliquidTransaction:UsdClassTransfer",
            f("hyperliquidChain", "string"), f("amount", "string"), f("toPerp", "bool"), f("nonce", "uint64")),
    SEND_ASSET("sendAsset", "HyperliquidTransaction:SendAsset",
            f("hyperliquidChain", "string"), f("destination", "string"), f("sourceDex", "string"),
            f("destinationDex", "string"), f("token", "string"), f("amount", "string"), f("fromSubAccount", "string"),
            f("nonce", "uint64")),
    APPROVE_AGENT("approveAgent", "HyperliquidTransaction:ApproveAgent",
            f("hyperliquidChain", "string"), f("agentAddress", "address"), f("agentName", "string"), f("nonce", "uint64")),
    APPROVE_BUILDER_FEE("approveBuilderFee", "HyperliquidTransaction:ApproveBuilderFee",
            f("hyperliquidChain", "string"), f("maxFeeRate", "string"), f("builder", "address"), f("nonce", "uint64")),
    TOKEN_DELEGATE("tokenDelegate", "HyperliquidTransaction:TokenDelegate",
            f("hyperliquidChain", "string"), f("validator", "address"), f("wei", "uint64"), f("isUndelegate", "bool"),
            f("nonce", "uint64"));

    private final String actionType;
    private final String primaryType;
    private final List<Field> fields;

    UserSignedType(String actionType, String primaryType, Field... fields) {
        this.actionType = actionType;
        this.primaryType = primaryType;
        this.fields = List.of(fields);
    }

    private static Field f(String name, String type) {
        return new Field(name, type);
    }

    /** The action's {@code type} value, e.g. "approveAgent". */
    public String actionType() {
        return actionType;
    }

    public String primaryType() {
        return primaryType;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The field carrying the nonce ("time" or "nonce"). */
    public String nonceField() {
        return fields.get(fields.size() - 1).name();
    }

    /** The user-signed type for an action type, or empty for L1 actions. */
    public static Optional<UserSignedType> forAction(String actionType) {
        for (UserSignedType t : values()) {
            if (t.actionType.equals(actionType)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
