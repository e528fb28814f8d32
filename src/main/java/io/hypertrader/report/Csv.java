package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;
import tech.tablesaw.api.Table;

import java.util.List;

/** The CSV files of a report: plain decimals (no exponent, no locale), UTC ISO times, "\n" line ends. */
final class Csv {
    private Csv() {
    }

    /**
     * One row per fill. {@code notional_fee} is a historical name: it has always held the fee (USDC),
     * and stays for the scripts that read it; {@code notional} (price * quantity, USDC) and
     * {@code fee} (the same fee under its own name) and {@code coin} were added after it.
     */
    static String trades(List<ReportData.Fill> fills) {
        StringBuilder b = new StringBuilder(64 + fills.size() * 128);
        b.append("time_ms,time_utc,order_id,side,price,quantity,notional_fee,slippage_bp,latency_ms,maker,leg,notional,fee,coin\n");
        for (ReportData.Fill f : fills) {
            b.append(f.time()).append(',').append(Fmt.iso(f.time())).append(',').append(text(f.orderId())).append(',')
                    .append(f.side()).append(',').append(Fmt.plain(f.price())).append(',')
                    .append(Fmt.plain(f.quantity())).append(',').append(Fmt.plain(f.fee())).append(',')
                    .append(Fmt.plain(f.slippageBp())).append(',').append(f.latencyMs()).append(',')
                    .append(f.maker()).append(',').append(text(f.leg())).append(',')
                    .append(Fmt.plain(f.notional())).append(',').append(Fmt.plain(f.fee())).append(',')
                    .append(text(f.coin())).append('\n');
        }
        return b.toString();
    }

    /** One row per equity mark. */
    static String equity(ReportData.Curves c) {
        StringBuilder b = new StringBuilder(128 + c.time().length * 120);
        b.append("time_ms,time_utc,equity,buy_hold,drawdown,buy_hold_drawdown,long_notional,short_notional,net_notional\n");
        for (int i = 0; i < c.time().length; i++) {
            b.append(c.time()[i]).append(',').append(Fmt.iso(c.time()[i])).append(',')
                    .append(Fmt.plain(c.equity()[i])).append(',').append(Fmt.plain(c.buyHold()[i])).append(',')
                    .append(Fmt.plain(c.drawdown()[i])).append(',').append(Fmt.plain(c.buyHoldDrawdown()[i])).append(',')
                    .append(Fmt.plain(c.longNotional()[i])).append(',').append(Fmt.plain(c.shortNotional()[i])).append(',')
                    .append(Fmt.plain(c.netNotional()[i])).append('\n');
        }
        return b.toString();
    }

    /**
     * One row per cycle: levels as "ratio:price" pairs separated by ';'; then (added later) the
     * coin, Q, the length in ms, MAE, MFE and the deepest state from the trade list.
     */
    static String cycles(List<ReportData.Cycle> cycles, Metrics.Capture capture, Table trades) {
        StringBuilder b = new StringBuilder();
        b.append("cycle,start_ms,end_ms,entry,extreme,levels,net_pnl,capture,ideal_capture,complete,end_reason,"
                + "coin,quantity,duration_ms,mae,mfe,max_state\n");
        java.util.Map<Integer, Integer> rowOf = new java.util.HashMap<>();
        for (int i = 0; i < trades.rowCount(); i++) {
            rowOf.put(trades.intColumn("cycle").get(i), i);
        }
        for (ReportData.Cycle c : cycles) {
            Metrics.CycleCapture cc = captureOf(capture, c.index());
            Integer t = rowOf.get(c.index());
            StringBuilder lv = new StringBuilder();
            for (ReportData.Level l : c.levels()) {
                lv.append(lv.isEmpty() ? "" : ";").append(Fmt.plain(l.ratio())).append(':').append(Fmt.plain(l.price()));
            }
            b.append(c.index()).append(',').append(c.startTime()).append(',').append(c.endTime()).append(',')
                    .append(Fmt.plain(c.entry())).append(',').append(Fmt.plain(c.extreme())).append(',')
                    .append(lv).append(',')
                    .append(cc == null ? "" : Fmt.plain(cc.netPnl())).append(',')
                    .append(cc == null ? "" : Fmt.plain(cc.capture())).append(',')
                    .append(cc == null ? "" : Fmt.plain(cc.idealCapture())).append(',')
                    .append(cc == null ? "" : String.valueOf(cc.complete())).append(',')
                    .append(cc == null ? "" : text(cc.endReason())).append(',')
                    .append(text(c.coin())).append(',')
                    .append(t == null ? "" : Fmt.plain(trades.doubleColumn("quantity").getDouble(t))).append(',')
                    .append(t == null ? "" : Long.toString(trades.longColumn("duration_ms").get(t))).append(',')
                    .append(t == null ? "" : Fmt.plain(trades.doubleColumn("mae").getDouble(t))).append(',')
                    .append(t == null ? "" : Fmt.plain(trades.doubleColumn("mfe").getDouble(t))).append(',')
                    .append(t == null ? "" : text(trades.stringColumn("max_state").get(t))).append('\n');
        }
        return b.toString();
    }

    static Metrics.CycleCapture captureOf(Metrics.Capture capture, int index) {
        for (Metrics.CycleCapture cc : capture.cycles()) {
            if (cc.index() == index) {
                return cc;
            }
        }
        return null;
    }

    /** RFC 4180 quoting when needed. */
    static String text(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
