package io.hypertrader.ops.alert;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * E-mail over SMTP with Jakarta Mail (Eclipse Angus): one plain-text UTF-8 message per alert to
 * every recipient. Authentication or refused addresses are final failures; anything else (the
 * server unreachable, busy, a timeout) is retried. The password comes from the environment
 * variable the config names and is handed only to {@link Transport#send(Message, String, String)}.
 */
public final class EmailChannel implements AlertChannel {

    private final AlertsConfig.Email config;
    private final String password;
    private final Session session;

    EmailChannel(AlertsConfig.Email config, Map<String, String> env) {
        this.config = config;
        this.password = config.passwordEnv() == null ? null
                : AlertsConfig.secret(env, config.name(), "passwordEnv", config.passwordEnv());
        String timeout = String.valueOf(config.timeout().toMillis());
        Properties p = new Properties();
        String proto = config.security() == AlertsConfig.SmtpSecurity.SSL ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", config.host());
        p.put("mail." + proto + ".port", String.valueOf(config.port()));
        p.put("mail." + proto + ".auth", String.valueOf(config.username() != null));
        p.put("mail." + proto + ".connectiontimeout", timeout);
        p.put("mail." + proto + ".timeout", timeout);
        p.put("mail." + proto + ".writetimeout", timeout);
        if (config.security() == AlertsConfig.SmtpSecurity.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        if (config.security() == AlertsConfig.SmtpSecurity.SSL) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public boolean accepts(AlertEvent e) {
        return config.filter().accepts(e);
    }

    @Override
    public void send(AlertEvent e) throws DeliveryException {
        String where = "smtp " + config.host() + ":" + config.port();
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(config.from(), true));
            List<Address> to = new ArrayList<>();
            for (String t : config.to()) {
                to.add(new InternetAddress(t, true));
            }
            m.setRecipients(Message.RecipientType.TO, to.toArray(new Address[0]));
            m.setSubject(AlertText.subject(e), "UTF-8");
            m.setText(AlertText.body(e), "UTF-8");
            m.setSentDate(new Date(e.timeMs()));
            m.setHeader("X-HyperTrader-Alert", e.kind());
            Transport.send(m, config.username(), password);
        } catch (AuthenticationFailedException ex) {
            throw new DeliveryException(where + " refused the login of " + config.username(), false, ex);
        } catch (SendFailedException ex) {
            // Invalid or refused recipients: sending again will not change the server's mind.
            boolean anySent = ex.getValidSentAddresses() != null && ex.getValidSentAddresses().length > 0;
            throw new DeliveryException(where + (anySent ? " delivered to some recipients only: " : " refused the message: ")
                    + firstLine(ex), false, ex);
        } catch (MessagingException ex) {
            throw new DeliveryException(where + ": " + firstLine(ex), true, ex);
        }
    }

    private static String firstLine(Exception ex) {
        String s = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        Throwable cause = ex.getCause();
        if (cause != null && cause.getMessage() != null && !s.contains(cause.getMessage())) {
            s += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    @Override
    public List<String> secrets() {
        return password == null ? List.of() : List.of(password);
    }
}
