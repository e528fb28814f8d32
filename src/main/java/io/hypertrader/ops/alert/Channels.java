package io.hypertrader.ops.alert;

import io.hypertrader.core.UserError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the configured channels, resolving each secret from the environment now, so a missing variable fails at start. */
public final class Channels {
    private Channels() {
    }

    /** @throws UserError USAGE naming the channel, the field and the unset variable */
    public static List<AlertChannel> of(AlertsConfig config, Map<String, String> env) {
        List<AlertChannel> out = new ArrayList<>();
        try {
            for (AlertsConfig.ChannelConfig c : config.channels()) {
                out.add(switch (c) {
                    case AlertsConfig.Webhook w -> new WebhookChannel(w, env);
                    case AlertsConfig.Email m -> new EmailChannel(m, env);
                    case AlertsConfig.Telegram t -> new TelegramChannel(t, env);
                });
            }
        } catch (IllegalArgumentException e) {
            out.forEach(AlertChannel::close);
            throw UserError.usage("alerts config " + config.source() + ": " + e.getMessage());
        }
        return out;
    }
}
