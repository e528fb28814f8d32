package io.hypertrader.exec;

import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.core.RejectCode;

/**
 * The venue-side record of one order: what was asked, when and at what price it was decided,
 * when and at what price it reached the venue, what filled, and how it ended. Every timestamp
 * and price named in docs/simulator.md, "What a run records", lives here. Mutated only by {@link OrderTracker}.
 */
public final class TrackedOrder {
    final long id;
    final OrderRequest request;
    final long decisionTime;
    final double decisionPrice;
    long arrivalTime = -1;
    double arrivalPrice = Double.NaN;
    OrderStatus status = OrderStatus.PENDING;
    double filledSize;
    double filledNotional;
    double fees;
    double slippageCost;
    long endTime = -1;
    RejectCode rejectCode;
    String reason = "";
    /** True once a trigger order's trigger price was crossed. */
    boolean triggered;

    TrackedOrder(long id, OrderRequest request, long decisionTime, double decisionPrice) {
        this.id = id;
        this.request = request;
        this.decisionTime = decisionTime;
        this.decisionPrice = decisionPrice;
    }

    /**
     * An order refused before it reached any venue (by the risk manager): REJECTED at its decision
     * time with the code and reason, never arrived, nothing filled.
     *
     * @param id    the refusal's id (negative, so it never collides with a venue's ids)
     * @param price the price it was valued at, USDC
     */
    public static TrackedOrder refused(long id, OrderRequest request, long timeMs, double price, RejectCode code, String reason) {
        TrackedOrder o = new TrackedOrder(id, request, timeMs, price);
        o.status = OrderStatus.REJECTED;
        o.endTime = timeMs;
        o.rejectCode = code;
        o.reason = reason;
        return o;
    }

    public long id() { return id; }
    public OrderRequest request() { return request; }
    /** When the strategy decided the order (UTC ms). */
    public long decisionTime() { return decisionTime; }
    /** The price the decision was made at (path price / mid), USDC. */
    public double decisionPrice() { return decisionPrice; }
    /** When the order reached the venue (decision + latency); -1 while in flight. */
    public long arrivalTime() { return arrivalTime; }
    /** Market price at arrival (or at trigger for trigger orders); NaN before. */
    public double arrivalPrice() { return arrivalPrice; }
    public OrderStatus status() { return status; }
    public double filledSize() { return filledSize; }
    /** Remaining open size (requested minus filled). */
    public double remaining() { return Math.max(0, request.size() - filledSize); }
    /** VWAP of the fills, NaN when nothing filled. */
    public double avgFillPrice() { return filledSize > 0 ? filledNotional / filledSize : Double.NaN; }
    public double fees() { return fees; }
    public double slippageCost() { return slippageCost; }
    /** When the order reached its terminal status; -1 while open. */
    public long endTime() { return endTime; }
    /** Reject code, null unless REJECTED. */
    public RejectCode rejectCode() { return rejectCode; }
    /** Why it was cancelled or rejected; empty otherwise. */
    public String reason() { return reason; }
    public boolean triggered() { return triggered; }
}
