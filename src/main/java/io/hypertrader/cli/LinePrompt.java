package io.hypertrader.cli;

import io.hypertrader.live.keys.InteractiveTerminal;

import java.util.Optional;

/**
 * Reads one line typed at the terminal (the mainnet confirmation). Empty when no interactive
 * terminal is attached (pipes, CI, in-process tests), so the caller can refuse with a message that
 * says how to confirm instead. Tests inject answers through {@link HyperTraderCli#commandLine}.
 */
@FunctionalInterface
public interface LinePrompt {

    /** The line typed after {@code prompt}, or empty when there is no terminal to type it in. */
    Optional<String> readLine(String prompt);

    /** The process's terminal, if it is an interactive one. */
    static LinePrompt system() {
        return prompt -> InteractiveTerminal.console().map(c -> c.readLine("%s", prompt));
    }

    /** No terminal at all. */
    static LinePrompt none() {
        return prompt -> Optional.empty();
    }
}
