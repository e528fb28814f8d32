/**
 * {@code hypertrader serve}: the local dashboard. A Javalin server bound to 127.0.0.1 by default
 * renders jte pages (src/main/jte/serve) of the deployments, backtest runs and studies read from
 * the database the way the CLI reads it (the file is opened per page and closed, so runners are
 * never locked out), and hands the operator's actions (stop, stop and flatten, emergency stop,
 * promote, re-confirm) to {@link io.hypertrader.serve.DashboardActions}, which the command line
 * implements with the same code as its own commands. Every request needs the session token,
 * every POST the CSRF token ({@link io.hypertrader.serve.SessionGuard}).
 */
package io.hypertrader.serve;
