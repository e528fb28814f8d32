/**
 * The cross-margin account: cash, savings, net positions per coin with average entry prices,
 * margin, liquidation test, and the ledger that splits P&L into price, fees, funding and
 * slippage so the parts add up to the equity change.
 */
package io.hypertrader.portfolio;
