package io.hypertrader.ops.alert;

import java.time.Instant;
import java.util.Map;

/** The plain-text form of an alert shared by every channel: a subject line and a body. */
public final class AlertText {
    private AlertText() {
    }

    /** e.g. {@code [HyperTrader CRITICAL] risk halt on paper-1a2b3c4d-1 (paper): DAILY_LOSS}. */
    public static String subject(AlertEvent e) {
        return "[HyperTrader " + e.severity().name() + "] " + e.title();
    }

    /** The fields one per line, then the kind, deployment and UTC time. */
    public static String body(AlertEvent e) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            b.append(f.getKey()).append(": ").append(f.getValue()).append('\n');
        }
        b.append("deployment: ").append(e.deploymentId());
        if (!e.stage().isEmpty()) {
            b.append(" (").append(e.stage()).append(')');
        }
        b.append('\n').append("kind: ").append(e.kind()).append('\n');
        b.append("time: ").append(Instant.ofEpochMilli(e.timeMs())).append('\n');
        return b.toString();
    }

    /** Subject and body, cut to {@code max} characters with a marker when longer. */
    public static String full(AlertEvent e, int max) {
        return cut(subject(e) + "\n" + body(e), max);
    }

    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        String mark = "... (cut)";
        return s.substring(0, Math.max(0, max - mark.length())) + mark;
    }
}
