package io.hypertrader.analytics;

import io.hypertrader.core.Fill;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.median;
import static tech.tablesaw.aggregate.AggregateFunctions.sum;

/**
 * The trade tables of a report, as Tablesaw tables: the list of cycles, the summary by exit reason,
 * and the breakdown by coin. Column names are snake_case and stable (the notebooks read them);
 * rows are in a fixed order (by time, then by count or config order), so the same run gives the
 * same tables.
 */
public final class TradeTables {
    private TradeTables() {
    }

    /**
     * Loads Tablesaw in the background: its Table class scans the classpath for readers and writers
     * when first used (about half a second here), so a command that will write a report starts that
     * while it opens the database and replays the run. Idempotent; never blocks the caller.
     */
    public static void warmUp() {
        if (WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> Table.create("warm-up"), "tablesaw-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * One row per cycle in time order: {@code coin, cycle, thesis, start_ms, end_ms, duration_ms,
     * quantity, entry, extreme, net_pnl, win} (1 when net P&amp;L > 0), {@code capture, mae, mfe,
     * max_state, end_reason, complete}.
     */
    public static Table trades(List<CycleTrade> cycles) {
        StringColumn coin = StringColumn.create("coin"), thesis = StringColumn.create("thesis"),
                state = StringColumn.create("max_state"), reason = StringColumn.create("end_reason");
        IntColumn index = IntColumn.create("cycle");
        LongColumn start = LongColumn.create("start_ms"), end = LongColumn.create("end_ms"),
                duration = LongColumn.create("duration_ms");
        DoubleColumn q = DoubleColumn.create("quantity"), e = DoubleColumn.create("entry"),
                h = DoubleColumn.create("extreme"), pnl = DoubleColumn.create("net_pnl"), win = DoubleColumn.create("win"),
                capture = DoubleColumn.create("capture"), mae = DoubleColumn.create("mae"), mfe = DoubleColumn.create("mfe");
        BooleanColumn complete = BooleanColumn.create("complete");
        for (CycleTrade c : cycles) {
            coin.append(c.coin());
            index.append(c.index());
            thesis.append(c.thesis());
            start.append(c.startTime());
            end.append(c.endTime());
            duration.append(c.endTime() - c.startTime());
            q.append(c.quantity());
            e.append(c.entry());
            h.append(c.extreme());
            pnl.append(c.netPnl());
            win.append(c.netPnl() > 0 ? 1 : 0);
            capture.append(c.capture());
            mae.append(c.mae());
            mfe.append(c.mfe());
            state.append(c.maxState());
            reason.append(c.endReason());
            complete.append(c.complete());
        }
        Table t = Table.create("trades", coin, index, thesis, start, end, duration, q, e, h, pnl, win, capture, mae, mfe,
                state, reason, complete);
        return t.sortAscendingOn("start_ms", "cycle");
    }

    /**
     * Completed cycles summarised by exit reason, most frequent first: {@code end_reason, cycles,
     * wins, win_rate, net_pnl} (sum), {@code mean_pnl, median_pnl, mean_duration_ms, mean_mae,
     * mean_mfe}.
     */
    public static Table exitReasons(Table trades) {
        Table done = trades.where(trades.booleanColumn("complete").isTrue());
        StringColumn reason = StringColumn.create("end_reason");
        IntColumn cycles = IntColumn.create("cycles"), wins = IntColumn.create("wins");
        DoubleColumn winRate = DoubleColumn.create("win_rate"), total = DoubleColumn.create("net_pnl"),
                meanPnl = DoubleColumn.create("mean_pnl"), medianPnl = DoubleColumn.create("median_pnl"),
                meanDuration = DoubleColumn.create("mean_duration_ms"), meanMae = DoubleColumn.create("mean_mae"),
                meanMfe = DoubleColumn.create("mean_mfe");
        Table out = Table.create("exit reasons", reason, cycles, wins, winRate, total, meanPnl, medianPnl, meanDuration,
                meanMae, meanMfe);
        if (done.isEmpty()) {
            return out;
        }
        Table s = done.summarize("net_pnl", count, sum, mean, median).by("end_reason");
        Table w = done.summarize("win", sum).by("end_reason");
        Table d = done.summarize("duration_ms", "mae", "mfe", mean).by("end_reason");
        for (int i = 0; i < s.rowCount(); i++) {
            Row r = s.row(i);
            String key = r.getString("end_reason");
            int n = (int) r.getDouble("Count [net_pnl]");
            int won = (int) Math.round(valueOf(w, key, "Sum [win]"));
            reason.append(key);
            cycles.append(n);
            wins.append(won);
            winRate.append((double) won / n);
            total.append(r.getDouble("Sum [net_pnl]"));
            meanPnl.append(r.getDouble("Mean [net_pnl]"));
            medianPnl.append(r.getDouble("Median [net_pnl]"));
            meanDuration.append(valueOf(d, key, "Mean [duration_ms]"));
            meanMae.append(valueOf(d, key, "Mean [mae]"));
            meanMfe.append(valueOf(d, key, "Mean [mfe]"));
        }
        return out.sortOn("-cycles", "end_reason");
    }

    private static double valueOf(Table summary, String key, String column) {
        for (int i = 0; i < summary.rowCount(); i++) {
            if (summary.stringColumn("end_reason").get(i).equals(key)) {
                return summary.doubleColumn(column).getDouble(i);
            }
        }
        return Double.NaN;
    }

    /**
     * One row per coin, in the given order: {@code coin, weight} (the portfolio weight, or the
     * single coin's allocation), {@code fills, traded_notional, fees, slippage} (cost against the
     * reference prices, already inside the fill prices), {@code price_pnl} (sum over fills of -signed
     * quantity * price, plus the final position at the final mark: realised and unrealised),
     * {@code net_before_funding} (price P&amp;L - fees), {@code cycles} (completed), {@code wins},
     * {@code cycle_pnl} (their net P&amp;L, funding included) and {@code pnl_share} (this coin's
     * net before funding over the sum of all coins' absolute ones). Funding is booked per account,
     * not per coin, by the engine, so it is only in the account total.
     *
     * @param fills      every fill of the run
     * @param trades     {@link #trades} of the run
     * @param weights    coin to weight, in display order
     * @param finalValue coin to final position * final mark (signed, USDC)
     */
    public static Table perCoin(List<Fill> fills, Table trades, Map<String, Double> weights,
                                Map<String, Double> finalValue) {
        StringColumn coinCol = StringColumn.create("coin");
        StringColumn fCoin = StringColumn.create("coin");
        DoubleColumn fNotional = DoubleColumn.create("notional"), fFee = DoubleColumn.create("fee"),
                fSlip = DoubleColumn.create("slippage"), fCash = DoubleColumn.create("cash_flow");
        for (Fill f : fills) {
            fCoin.append(f.coin().name());
            fNotional.append(f.notional());
            fFee.append(f.fee());
            fSlip.append(f.slippageCost());
            fCash.append(-f.signedSize() * f.price());
        }
        Table ft = Table.create("fills", fCoin, fNotional, fFee, fSlip, fCash);
        Table fs = ft.isEmpty() ? ft : ft.summarize("notional", "fee", "slippage", "cash_flow", sum).by("coin");
        Table fn = ft.isEmpty() ? ft : ft.summarize("notional", count).by("coin");
        Table done = trades.where(trades.booleanColumn("complete").isTrue());
        Table ts = done.isEmpty() ? done : done.summarize("net_pnl", "win", sum).by("coin");
        Table tn = done.isEmpty() ? done : done.summarize("net_pnl", count).by("coin");

        DoubleColumn weight = DoubleColumn.create("weight"), notional = DoubleColumn.create("traded_notional"),
                fees = DoubleColumn.create("fees"), slippage = DoubleColumn.create("slippage"),
                price = DoubleColumn.create("price_pnl"), net = DoubleColumn.create("net_before_funding"),
                cyclePnl = DoubleColumn.create("cycle_pnl"), share = DoubleColumn.create("pnl_share");
        IntColumn fillCount = IntColumn.create("fills"), cycles = IntColumn.create("cycles"), wins = IntColumn.create("wins");
        double absSum = 0;
        for (var e : weights.entrySet()) {
            String coin = e.getKey();
            double cash = lookup(fs, coin, "Sum [cash_flow]"), fee = lookup(fs, coin, "Sum [fee]");
            double p = cash + finalValue.getOrDefault(coin, 0.0);
            coinCol.append(coin);
            weight.append(e.getValue());
            fillCount.append((int) lookup(fn, coin, "Count [notional]"));
            notional.append(lookup(fs, coin, "Sum [notional]"));
            fees.append(fee);
            slippage.append(lookup(fs, coin, "Sum [slippage]"));
            price.append(p);
            net.append(p - fee);
            cycles.append((int) lookup(tn, coin, "Count [net_pnl]"));
            wins.append((int) Math.round(lookup(ts, coin, "Sum [win]")));
            cyclePnl.append(lookup(ts, coin, "Sum [net_pnl]"));
            absSum += Math.abs(p - fee);
        }
        for (int i = 0; i < net.size(); i++) {
            share.append(absSum > 0 ? net.get(i) / absSum : Double.NaN);
        }
        return Table.create("per coin", coinCol, weight, fillCount, notional, fees, slippage, price, net, cycles, wins,
                cyclePnl, share);
    }

    /** The value of {@code column} in the row of {@code coin} of a summary by coin; 0 when the coin has no row. */
    private static double lookup(Table summary, String coin, String column) {
        if (summary.isEmpty() || !summary.containsColumn(column)) {
            return 0;
        }
        StringColumn keys = summary.stringColumn("coin");
        for (int i = 0; i < summary.rowCount(); i++) {
            if (keys.get(i).equals(coin)) {
                return summary.numberColumn(column).getDouble(i);
            }
        }
        return 0;
    }
}
