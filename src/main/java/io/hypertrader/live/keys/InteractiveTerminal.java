package io.hypertrader.live.keys;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The process's terminal when a person can type at it: secrets ({@link SecretPrompt}) and the
 * mainnet confirmation ({@code cli.LinePrompt}) are asked there and nowhere else. Empty for pipes,
 * CI and in-process tests, so callers fall back to what they document.
 */
public final class InteractiveTerminal {
    private InteractiveTerminal() {
    }

    /** The console, if it is attached to an interactive terminal. */
    public static Optional<Console> console() {
        Console c = System.console();
        return c != null && isTerminal(c) ? Optional.of(c) : Optional.empty();
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
