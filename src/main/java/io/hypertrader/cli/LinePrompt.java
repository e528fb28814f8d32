package io.hypertrader.cli;

import java.io.Console;
import java.lang.reflect.Method;
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
        return prompt -> {
            Console c = System.console();
            if (c == null || !isTerminal(c)) {
                return Optional.empty();
            }
            return Optional.ofNullable(c.readLine("%s", prompt));
        };
    }

    /** No terminal at all. */
    static LinePrompt none() {
        return prompt -> Optional.empty();
    }

    private static boolean isTerminal(Console c) {
        // JDK 22+ may hand out a Console even when stdin is redirected; Console.isTerminal() tells.
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless interactive
        }
    }
}
