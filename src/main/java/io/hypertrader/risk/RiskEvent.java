package io.hypertrader.risk;

/**
 * Something the risk manager did: refused an order or demanded a position be closed.
 *
 * @param timeMs when (replay time in backtests, wall time live), UTC epoch ms
 * @param rule   which rule
 * @param coin   the coin concerned, or "*" for account-wide events
 * @param action {@link Action#REFUSED} for an order, {@link Action#CLOSE} for a forced close,
 *               {@link Action#HALTED} when the daily loss limit starts blocking
 * @param reason a sentence with the numbers, for journals and reports
 */
public record RiskEvent(long timeMs, RiskRule rule, String coin, Action action, String reason) {

    /** What the risk manager did. */
    public enum Action { REFUSED, CLOSE, HALTED }
}
