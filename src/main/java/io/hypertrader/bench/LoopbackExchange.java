package io.hypertrader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.live.exchange.HyperliquidTransport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An in-memory Hyperliquid for the live latency bench: answers the /info reads a live runner
 * makes and fills every order at once at the current mid, in the exchange's wire format, with no
 * network in between, so the bench times the runner's own path from a pushed price to a signed
 * order. One perp (the bench's coin, asset 0), one account; thread-safe.
 */
final class LoopbackExchange implements HyperliquidTransport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String coin;
    private final LongSupplier clock;
    private BigDecimal mid;
    private BigDecimal position = BigDecimal.ZERO;
    private BigDecimal entry = BigDecimal.ZERO;
    private BigDecimal usdc;
    private final List<ObjectNode> fills = new ArrayList<>();
    private long nextOid = 1;
    private long nextTid = 1;

    LoopbackExchange(String coin, double mid, double usdc, LongSupplier clock) {
        this.coin = coin;
        this.mid = px(mid);
        this.usdc = px(usdc);
        this.clock = clock;
    }

    synchronized void setMid(double price) {
        mid = px(price);
        if (Boolean.getBoolean("bench.debug")) {
            System.err.println("LOOPBACK mid " + mid);
        }
    }

    synchronized int orders() {
        return (int) (nextOid - 1);
    }

    /** The price of the last fill (NaN before any). */
    synchronized double lastFillPrice() {
        return fills.isEmpty() ? Double.NaN : Double.parseDouble(fills.getLast().get("px").asText());
    }

    @Override
    public synchronized JsonNode post(String path, JsonNode body, int weight) {
        return INFO.equals(path) ? info(body) : exchange(body.path("action"));
    }

    private JsonNode info(JsonNode body) {
        return switch (body.path("type").asText()) {
            case "clearinghouseState" -> clearinghouse();
            case "spotClearinghouseState" -> {
                ObjectNode s = F.objectNode();
                s.putArray("balances").addObject().put("coin", "USDC").put("token", 0).put("hold", "0.0")
                        .put("total", usdc.toPlainString()).put("entryNtl", "0.0");
                yield s;
            }
            case "userFills", "userFillsByTime" -> {
                ArrayNode a = F.arrayNode();
                fills.forEach(a::add);
                yield a;
            }
            case "allMids" -> F.objectNode().put(coin, mid.toPlainString());
            case "orderStatus" -> F.objectNode().put("status", "unknownOid"); // every order filled in its answer
            default -> F.arrayNode(); // openOrders, frontendOpenOrders, historicalOrders: nothing rests here
        };
    }

    private JsonNode clearinghouse() {
        ObjectNode out = F.objectNode();
        ArrayNode aps = out.putArray("assetPositions");
        BigDecimal value = position.abs().multiply(mid);
        BigDecimal pnl = position.multiply(mid.subtract(entry));
        BigDecimal used = value.divide(BigDecimal.valueOf(20), 6, RoundingMode.HALF_EVEN);
        if (position.signum() != 0) {
            ObjectNode pos = aps.addObject().put("type", "oneWay").putObject("position");
            pos.put("coin", coin).put("szi", position.toPlainString());
            pos.putObject("leverage").put("type", "cross").put("value", 20);
            pos.put("entryPx", entry.toPlainString()).put("positionValue", value.toPlainString())
                    .put("unrealizedPnl", pnl.toPlainString()).put("returnOnEquity", "0.0").putNull("liquidationPx");
            pos.put("marginUsed", used.toPlainString()).put("maxLeverage", 40);
            pos.putObject("cumFunding").put("allTime", "0.0").put("sinceOpen", "0.0").put("sinceChange", "0.0");
        }
        BigDecimal accountValue = usdc.add(pnl);
        for (String k : List.of("marginSummary", "crossMarginSummary")) {
            out.putObject(k).put("accountValue", accountValue.toPlainString()).put("totalNtlPos", value.toPlainString())
                    .put("totalRawUsd", usdc.toPlainString()).put("totalMarginUsed", used.toPlainString());
        }
        out.put("crossMaintenanceMarginUsed", used.divide(BigDecimal.TWO, 6, RoundingMode.HALF_EVEN).toPlainString());
        out.put("withdrawable", accountValue.subtract(used).max(BigDecimal.ZERO).toPlainString());
        out.put("time", clock.getAsLong());
        return out;
    }

    private JsonNode exchange(JsonNode action) {
        ObjectNode ok = F.objectNode().put("status", "ok");
        if (!"order".equals(action.path("type").asText())) {
            ok.putObject("response").put("type", "default"); // scheduleCancel, updateLeverage, cancel
            return ok;
        }
        ArrayNode statuses = F.arrayNode();
        for (JsonNode o : action.path("orders")) {
            boolean buy = o.path("b").asBoolean();
            BigDecimal size = new BigDecimal(o.path("s").asText());
            long oid = nextOid++;
            BigDecimal signed = buy ? size : size.negate();
            BigDecimal start = position;
            BigDecimal next = position.add(signed);
            BigDecimal closedPnl = BigDecimal.ZERO;
            if (position.signum() == 0 || position.signum() == signed.signum()) {
                entry = next.signum() == 0 ? BigDecimal.ZERO
                        : entry.multiply(position.abs()).add(mid.multiply(size)).divide(next.abs(), 8, RoundingMode.HALF_EVEN);
            } else {
                BigDecimal closed = size.min(position.abs());
                closedPnl = closed.multiply(mid.subtract(entry)).multiply(BigDecimal.valueOf(position.signum()));
                if (next.signum() != 0 && next.signum() != position.signum()) {
                    entry = mid;
                } else if (next.signum() == 0) {
                    entry = BigDecimal.ZERO;
                }
            }
            BigDecimal fee = size.multiply(mid).multiply(new BigDecimal("0.00045")).setScale(6, RoundingMode.HALF_EVEN);
            usdc = usdc.add(closedPnl).subtract(fee);
            position = next;
            ObjectNode f = F.objectNode().put("coin", coin).put("px", mid.toPlainString()).put("sz", size.toPlainString())
                    .put("side", buy ? "B" : "A").put("time", clock.getAsLong()).put("startPosition", start.toPlainString())
                    .put("dir", buy ? "Open Long" : "Open Short").put("closedPnl", closedPnl.toPlainString())
                    .put("hash", "0x" + "0".repeat(64)).put("oid", oid).put("crossed", true).put("fee", fee.toPlainString())
                    .put("tid", nextTid++).put("feeToken", "USDC");
            if (o.hasNonNull("c")) {
                f.put("cloid", o.get("c").asText());
            }
            fills.add(f);
            if (Boolean.getBoolean("bench.debug")) {
                System.err.println("LOOPBACK order " + oid + " " + (buy ? "BUY " : "SELL ") + size + " @ " + mid + " pos " + position);
            }
            statuses.addObject().set("filled", F.objectNode().put("totalSz", size.toPlainString())
                    .put("avgPx", mid.toPlainString()).put("oid", oid));
        }
        ObjectNode r = ok.putObject("response").put("type", "order");
        r.putObject("data").set("statuses", statuses);
        return ok;
    }

    private static BigDecimal px(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros();
    }
}
