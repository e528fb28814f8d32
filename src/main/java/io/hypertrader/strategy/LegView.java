package io.hypertrader.strategy;

import io.hypertrader.core.Coin;

/**
 * Optional view of a strategy's two legs per coin (coins, both non-negative). The venue sees only
 * the net (long - short); reports use the legs to show what each earned.
 */
public interface LegView {
    double longLeg(Coin coin);

    double shortLeg(Coin coin);
}
