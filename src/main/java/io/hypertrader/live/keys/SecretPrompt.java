package io.hypertrader.live.keys;

import java.util.Optional;

/**
 * Reads a secret (passphrase, private key) from the terminal without echo. Empty when there is
 * no interactive terminal (CI, pipes, in-process tests), so callers can fall back to an
 * environment variable or stdin and fail with a message that says which.
 */
public interface SecretPrompt {

    /** The secret typed at the prompt, or empty when no terminal is attached. */
    Optional<char[]> read(String prompt);

    /** The process's terminal (java.io.Console), if it is an interactive one. */
    static SecretPrompt system() {
        return prompt -> InteractiveTerminal.console().map(c -> c.readPassword("%s", prompt));
    }

    /** No terminal at all (tests, batch runs). */
    static SecretPrompt none() {
        return prompt -> Optional.empty();
    }
}
