package io.hypertrader.core;

/**
 * An error caused by the user's input or environment (bad flag value, missing data, a config
 * that breaks a rule, an exchange that refuses): the CLI prints its message as one line, without
 * a stack trace, and exits with {@link #kind()}'s code.
 */
public class UserError extends RuntimeException {

    /** What went wrong, which decides the process exit code (see README "Exit codes"). */
    public enum Kind {
        /** Generic failure (exit 1). */
        FAILURE(1),
        /** Bad usage: a flag, argument, file or config value (exit 2). */
        USAGE(2),
        /** Candles, funding or a run are not in the database (exit 3). */
        DATA_MISSING(3),
        /** The exchange could not be reached or refused (exit 4). */
        EXCHANGE(4),
        /** A promotion gate, risk rule or safety check refused the action (exit 5). */
        REFUSED(5);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public UserError(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public UserError(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static UserError usage(String message) {
        return new UserError(Kind.USAGE, message);
    }

    public static UserError dataMissing(String message) {
        return new UserError(Kind.DATA_MISSING, message);
    }

    public static UserError exchange(String message, Throwable cause) {
        return new UserError(Kind.EXCHANGE, message, cause);
    }
}
