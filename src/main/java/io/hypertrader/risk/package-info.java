/**
 * The risk manager: one implementation used by the backtest, paper and live runs. It checks every
 * order before it reaches a venue and every price update, and reports refusals and forced closes
 * as {@link io.hypertrader.risk.RiskEvent} values, never as exceptions.
 */
package io.hypertrader.risk;
