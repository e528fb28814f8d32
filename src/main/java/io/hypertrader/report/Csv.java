package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;

import java.util.List;

/** The CSV files of a report: plain decimals (no exponent, no locale), UTC ISO times, "\n" line ends. */
final class Csv {
    private Csv() {
    }

    /** One row per fill. */
    static String trades(List<ReportData.Fill> fills) {
        StringBuilder b = new StringBuilder(64 + fills.size() * 96);
        b.append("time_ms,time_utc,order_id,side,price,quantity,notional_fee,slippage_bp,latency_ms,maker,leg\n");
        for (ReportData.Fill f : fills) {
            b.append(f.time()).append(',').append(Fmt.iso(f.time())).append(',').append(text(f.orderId())).append(',')
                    .append(f.side()).append(',').append(Fmt.plain(f.price())).append(',')
                    .append(Fmt.plain(f.quantity())).append(',').append(Fmt.plain(f.fee())).append(',')
                    .append(Fmt.plain(f.slippageBp())).append(',').append(f.latencyMs()).append(',')
                    .append(f.maker()).append(',').append(text(f.leg())).append('\n');
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

    /** One row per cycle: levels as "ratio:price" pairs separated by ';'. */
    static String cycles(List<ReportData.Cycle> cycles, Metrics.Capture capture) {
        StringBuilder b = new StringBuilder();
        b.append("cycle,start_ms,end_ms,entry,extreme,levels,net_pnl,capture,ideal_capture,complete,end_reason\n");
        for (ReportData.Cycle c : cycles) {
            Metrics.CycleCapture cc = captureOf(capture, c.index());
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
                    .append(cc == null ? "" : text(cc.endReason())).append('\n');
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
