/**
 * A deployment's plan and money: what it runs ({@link io.hypertrader.live.deployment.TradingPlan},
 * built from the loaded config by the engine's loader, so backtest and deployment agree on "this
 * exact config"), what its capital means for its orders
 * ({@link io.hypertrader.live.deployment.CapitalSizing}: the first entry and the cycle cap), its
 * own book of fills ({@link io.hypertrader.live.deployment.DeploymentBook}: position, average
 * entry and realized P&amp;L, whatever else the account holds), and the exchange venue as its
 * strategy sees it ({@link io.hypertrader.live.deployment.CapitalVenue}: the exchange's, except the
 * money, which is the deployment's own).
 *
 * <p>Why a package of its own: {@code promote}, {@code status}, the dashboard, the runners and the
 * replays must agree on these figures, so each is computed in one place. It reads the store's rows
 * and knows nothing of runners, feeds or the exchange.
 */
package io.hypertrader.live.deployment;
