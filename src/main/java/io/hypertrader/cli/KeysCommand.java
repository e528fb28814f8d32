package io.hypertrader.cli;

import io.hypertrader.core.UserError;
import io.hypertrader.live.keys.KeyResolver;
import io.hypertrader.live.keys.KeyStore;
import io.hypertrader.live.keys.SecretPrompt;
import io.hypertrader.live.sign.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** {@code hypertrader keys import|list|generate}: the encrypted signing-key store. */
@Command(name = "keys", description = "Manage signing keys in the encrypted key store ($HYPERTRADER_HOME/keys or ~/.config/hypertrader/keys).",
        subcommands = {KeysCommand.ImportKey.class, KeysCommand.ListKeys.class, KeysCommand.GenerateKey.class})
final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (import, list or generate)");
    }

    static final int MIN_PASSPHRASE = 8;

    /** Reads a new passphrase (env or terminal, twice), enforcing a minimum length. */
    static String newPassphrase(KeyResolver resolver, HyperTraderCli root) {
        char[] first = resolver.passphrase("New passphrase for the key store: ");
        try {
            if (root.env().get(KeyResolver.PASSPHRASE_ENV) == null) {
                char[] again = resolver.passphrase("Repeat the passphrase: ");
                boolean same = Arrays.equals(first, again);
                Arrays.fill(again, '\0');
                if (!same) {
                    throw UserError.usage("the passphrases do not match");
                }
            }
            if (first.length < MIN_PASSPHRASE) {
                throw UserError.usage("the passphrase must have at least " + MIN_PASSPHRASE + " characters");
            }
            return new String(first);
        } finally {
            Arrays.fill(first, '\0');
        }
    }

    @Command(name = "import", description = {
            "Encrypt a private key (hex) into the key store.",
            "The key is read from a hidden prompt, from standard input (--stdin) or from a file (--from-file); never pass"
                    + " it as an argument, which would land in the shell history.",
            "The passphrase comes from $" + KeyResolver.PASSPHRASE_ENV + " or the prompt.",
            "The key may be an API (agent) wallet: trading then uses the account address from the venue config."})
    static final class ImportKey implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--from-file", paramLabel = "FILE", description = "Read the hex key from this file (its first non-empty line).")
        Path fromFile;

        @Option(names = "--stdin", description = "Read the hex key from standard input.")
        boolean stdin;

        @Option(names = "--force", description = "Replace a stored key for the same address.")
        boolean force;

        @Override
        public void run() {
            HyperTraderCli root = HyperTraderCli.root(spec);
            if (fromFile != null && stdin) {
                throw UserError.usage("--from-file and --stdin: give at most one key source");
            }
            KeyStore store = KeyStore.forEnv(root.env());
            SigningKey key;
            char[] raw = readKey(root);
            try {
                key = SigningKey.fromHex(raw);
            } catch (IllegalArgumentException e) {
                throw UserError.usage(e.getMessage());
            } finally {
                Arrays.fill(raw, '\0');
            }
            KeyResolver resolver = new KeyResolver(root.env(), store, SecretPrompt.system(), root.err());
            String address = store.importKey(key, newPassphrase(resolver, root), force);
            root.out().println("imported the key of " + address + " into " + store.dir());
        }

        private char[] readKey(HyperTraderCli root) {
            try {
                if (fromFile != null) {
                    if (!Files.isRegularFile(fromFile)) {
                        throw UserError.usage("--from-file: " + fromFile + " is not a readable file");
                    }
                    List<String> lines = Files.readAllLines(fromFile, StandardCharsets.UTF_8);
                    return lines.stream().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
                            .orElseThrow(() -> UserError.usage("--from-file: " + fromFile + " is empty")).toCharArray();
                }
                if (stdin) {
                    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    String line = r.readLine();
                    if (line == null || line.isBlank()) {
                        throw UserError.usage("--stdin: no key on standard input");
                    }
                    return line.trim().toCharArray();
                }
            } catch (IOException e) {
                throw UserError.usage("could not read the key: " + e.getMessage());
            }
            return SecretPrompt.system().read("Private key (hex, hidden): ").orElseThrow(() -> UserError.usage(
                    "no terminal to ask for the key: use --stdin or --from-file FILE"));
        }
    }

    @Command(name = "list", description = "List the addresses of the stored keys (never the keys).")
    static final class ListKeys implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            HyperTraderCli root = HyperTraderCli.root(spec);
            KeyStore store = KeyStore.forEnv(root.env());
            List<String> addresses = store.addresses();
            if (addresses.isEmpty() && !root.quiet()) {
                root.err().println("no keys in " + store.dir() + " (run: hypertrader keys import)");
            }
            addresses.forEach(root.out()::println);
        }
    }

    @Command(name = "generate", description = {
            "Create a new random key in the key store and print its address.",
            "For example a fresh API (agent) wallet to approve on the exchange. Never reuse a deregistered agent address."})
    static final class GenerateKey implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            HyperTraderCli root = HyperTraderCli.root(spec);
            KeyStore store = KeyStore.forEnv(root.env());
            SigningKey key = SigningKey.generate(new SecureRandom());
            KeyResolver resolver = new KeyResolver(root.env(), store, SecretPrompt.system(), root.err());
            String address = store.importKey(key, newPassphrase(resolver, root), false);
            root.out().println(address);
        }
    }
}
