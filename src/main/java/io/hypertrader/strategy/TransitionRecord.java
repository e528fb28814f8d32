package io.hypertrader.strategy;

import io.hypertrader.core.Coin;

/**
 * One state change of a strategy: {@code from} and {@code to} are state names, {@code targetNet}
 * the new target net position as a fraction of the cycle's base quantity Q (long positive,
 * thesis applied), decided at {@code timeMs} and {@code price} (USDC).
 */
public record TransitionRecord(Coin coin, long timeMs, double price, String from, String to, double targetNet,
                               String reason) {
}
