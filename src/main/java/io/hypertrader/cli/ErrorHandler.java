package io.hypertrader.cli;

import io.hypertrader.core.UserError;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Maps exceptions to exit codes and stderr text: one clear line first ("error: ..."), details
 * after. User errors never print a stack trace; unexpected ones print it after the first line.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        UserError user = findUserError(ex);
        if (user != null) {
            err.println("error: " + user.getMessage());
            Throwable cause = user.getCause();
            while (cause != null) {
                err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            err.flush();
            return user.kind().exitCode();
        }
        if (ex instanceof IllegalArgumentException) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return UserError.Kind.USAGE.exitCode();
        }
        err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        err.println(trace);
        err.flush();
        return UserError.Kind.FAILURE.exitCode();
    }

    private static UserError findUserError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserError u) {
                return u;
            }
        }
        return null;
    }

    /** Usage errors: the message, then the usage of the command that was being parsed. */
    static final class UsageHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return UserError.Kind.USAGE.exitCode();
        }
    }
}
