package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A perp account as {@code clearinghouseState} reports it. Amounts are USDC; sizes in coin units;
 * {@code szi} is signed (negative = short). Coins without a position are absent.
 *
 * @param time server time in epoch ms, or null in older responses
 */
public record AccountState(List<Position> positions, MarginSummary marginSummary, MarginSummary crossMarginSummary,
                           BigDecimal crossMaintenanceMarginUsed, BigDecimal withdrawable, Long time) {

    /** Totals over positions: account value, total notional, raw USD, margin used (USDC). */
    public record MarginSummary(BigDecimal accountValue, BigDecimal totalNtlPos, BigDecimal totalRawUsd,
                                BigDecimal totalMarginUsed) {
        static MarginSummary parse(JsonNode n) {
            Json.object(n, "marginSummary");
            return new MarginSummary(Json.dec(n, "accountValue"), Json.dec(n, "totalNtlPos"),
                    Json.dec(n, "totalRawUsd"), Json.dec(n, "totalMarginUsed"));
        }
    }

    /**
     * One open position.
     *
     * @param szi           signed size, coin units (negative = short)
     * @param entryPx       average entry price, or null
     * @param liquidationPx estimated liquidation price, or null when none
     * @param leverageType  "cross" or "isolated"
     * @param leverage      integer leverage
     * @param maxLeverage   the coin's max leverage, or null in older responses
     */
    public record Position(String coin, BigDecimal szi, BigDecimal entryPx, BigDecimal positionValue,
                           BigDecimal unrealizedPnl, BigDecimal returnOnEquity, BigDecimal liquidationPx,
                           BigDecimal marginUsed, String leverageType, int leverage, Integer maxLeverage) {
        static Position parse(JsonNode n) {
            JsonNode lev = Json.object(n.get("leverage"), "position.leverage");
            JsonNode max = n.get("maxLeverage");
            return new Position(Json.str(n, "coin"), Json.dec(n, "szi"), Json.decOrNull(n, "entryPx"),
                    Json.dec(n, "positionValue"), Json.dec(n, "unrealizedPnl"), Json.decOrNull(n, "returnOnEquity"),
                    Json.decOrNull(n, "liquidationPx"), Json.dec(n, "marginUsed"), Json.str(lev, "type"),
                    (int) Json.lng(lev, "value"), max == null || max.isNull() ? null : max.intValue());
        }
    }

    public static AccountState parse(JsonNode n) {
        Json.object(n, "clearinghouseState");
        List<Position> positions = new ArrayList<>();
        for (JsonNode ap : Json.array(n.get("assetPositions"), "assetPositions")) {
            positions.add(Position.parse(Json.object(ap.get("position"), "assetPositions[].position")));
        }
        return new AccountState(List.copyOf(positions), MarginSummary.parse(n.get("marginSummary")),
                MarginSummary.parse(n.get("crossMarginSummary")), Json.decOrNull(n, "crossMaintenanceMarginUsed"),
                Json.dec(n, "withdrawable"), Json.lngOrNull(n, "time"));
    }

    /** The position in {@code coin}, if any. */
    public Optional<Position> position(String coin) {
        return positions.stream().filter(p -> p.coin().equals(coin)).findFirst();
    }
}
