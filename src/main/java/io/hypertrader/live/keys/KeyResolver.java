package io.hypertrader.live.keys;

import io.hypertrader.core.UserError;
import io.hypertrader.live.sign.SigningKey;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decides which key signs and where its passphrase comes from, the same way for every command:
 * <ol>
 *   <li>{@code HYPERTRADER_PRIVATE_KEY} (hex) when set: used with a warning on stderr, since an
 *       environment variable can leak through process listings and shell history;</li>
 *   <li>otherwise the encrypted key store: the key for {@code address} when given, else the only
 *       stored key; its passphrase from {@code HYPERTRADER_KEY_PASSPHRASE} or the terminal.</li>
 * </ol>
 * The signing key may be an API (agent) wallet: its address differs from the account address
 * that /info queries and the venue config use.
 */
public final class KeyResolver {

    public static final String PRIVATE_KEY_ENV = "HYPERTRADER_PRIVATE_KEY";
    public static final String PASSPHRASE_ENV = "HYPERTRADER_KEY_PASSPHRASE";

    private final Map<String, String> env;
    private final KeyStore store;
    private final SecretPrompt prompt;
    private final PrintWriter err;

    public KeyResolver(Map<String, String> env, KeyStore store, SecretPrompt prompt, PrintWriter err) {
        this.env = env;
        this.store = store;
        this.prompt = prompt;
        this.err = err;
    }

    /**
     * The signing key.
     *
     * @param address the stored key to use, or null for "the only one"
     */
    public SigningKey resolve(String address) {
        String raw = env.get(PRIVATE_KEY_ENV);
        if (raw != null && !raw.isBlank()) {
            SigningKey key;
            try {
                key = SigningKey.fromHex(raw.toCharArray());
            } catch (IllegalArgumentException e) {
                throw UserError.usage(PRIVATE_KEY_ENV + ": " + e.getMessage());
            }
            if (address != null && !address.isBlank() && !key.address().equalsIgnoreCase(address.trim())) {
                throw UserError.usage(PRIVATE_KEY_ENV + " holds the key of " + key.address() + ", but --key asks for "
                        + address.trim());
            }
            err.println("warning: signing with the key from " + PRIVATE_KEY_ENV + " (address " + key.address()
                    + "); prefer the encrypted key store: hypertrader keys import");
            err.flush();
            return key;
        }
        String which = address;
        if (which == null || which.isBlank()) {
            List<String> stored = store.addresses();
            if (stored.isEmpty()) {
                throw UserError.dataMissing("no signing key: none is stored in " + store.dir() + " and " + PRIVATE_KEY_ENV
                        + " is not set (run: hypertrader keys import)");
            }
            if (stored.size() > 1) {
                throw UserError.usage("several keys are stored in " + store.dir() + " (" + String.join(", ", stored)
                        + "): choose one with --key ADDRESS");
            }
            which = stored.get(0);
        }
        if (!store.contains(which)) {
            throw UserError.dataMissing("no stored key for " + which.trim() + " in " + store.dir()
                    + " (run: hypertrader keys import, or hypertrader keys list)");
        }
        char[] pass = passphrase("Passphrase for " + which.trim() + ": ");
        try {
            return store.load(which, new String(pass));
        } finally {
            Arrays.fill(pass, '\0');
        }
    }

    /** The passphrase: HYPERTRADER_KEY_PASSPHRASE, else the terminal, else a usage error. */
    public char[] passphrase(String promptText) {
        String fromEnv = env.get(PASSPHRASE_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        return prompt.read(promptText).orElseThrow(() -> UserError.usage(
                "no passphrase: set " + PASSPHRASE_ENV + " or run in a terminal to be asked for it"));
    }
}
