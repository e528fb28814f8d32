package io.hypertrader.portfolio;

import io.hypertrader.core.Coin;

/**
 * A forced close of one coin's position because the account's equity fell below its total
 * maintenance margin. {@code size} is the signed position that was closed (coins), {@code price}
 * the fill price (path price with taker slippage), {@code equity} and {@code maintenance} the
 * account's values (USDC) that triggered it.
 */
public record LiquidationRecord(long timeMs, Coin coin, double size, double markPrice, double price, double fee,
                                double equity, double maintenance) {
}
