package io.dispatchgateway.gateway.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dispatchgateway.core.intake.FieldProblem;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templated answer to an email that could not become a job, when {@code gateway.intake.email.reply} is
 * enabled: sent over SMTP to the sender, in their thread, marked {@code Auto-Submitted: auto-replied}. A From
 * address is easily forged, so an answer goes only to a sender the receiving mail server vouched for (its
 * {@code Authentication-Results}, the topmost one, says {@code dmarc=pass}; unless
 * {@code require-authentication} is off), at most once per sender within {@code min-interval} and at most
 * {@code max-per-hour} in all: the gateway is never a way to send mail to anybody. Never to automatic mail (an
 * {@code Auto-Submitted} or bulk {@code Precedence} header, a mailer daemon or no-reply address, the gateway's
 * own addresses). A reply that cannot be sent is logged; the email is in the quarantine either way.
 */
final class RefusalReplies {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalReplies.class);
    private static final List<String> ROBOTS = List.of("mailer-daemon", "postmaster", "noreply", "no-reply",
            "donotreply", "do-not-reply");

    /**
     * The email being answered.
     *
     * @param automatic whether it says a machine sent it
     * @param authenticated whether the receiving server says its sender passed DMARC
     */
    record Refused(String sender, String subject, String messageId, boolean automatic, boolean authenticated) {}

    private final EmailIntakeProperties.Reply settings;
    private final List<String> ownAddresses;
    private final Cache<String, Boolean> answered;
    private final RateLimiter perHour;

    RefusalReplies(EmailIntakeProperties.Reply settings, String mailboxUser) {
        this.settings = settings;
        this.ownAddresses = java.util.stream.Stream.of(address(settings.from()), address(mailboxUser))
                .filter(a -> a != null).toList();
        this.answered = Caffeine.newBuilder().expireAfterWrite(settings.minInterval()).maximumSize(100_000).build();
        this.perHour = RateLimiter.of("email-replies", RateLimiterConfig.custom()
                .limitForPeriod(settings.maxPerHour()).limitRefreshPeriod(Duration.ofHours(1))
                .timeoutDuration(Duration.ZERO).build());
    }

    /** @return whether a reply was sent */
    boolean answer(Refused refused, List<FieldProblem> problems) {
        String sender = address(refused.sender());
        if (!settings.enabled() || sender == null || refused.automatic() || robot(sender)
                || settings.requireAuthentication() && !refused.authenticated()) {
            return false;
        }
        // Claimed before sending, released when the send fails, so a sender is answered once.
        if (answered.asMap().putIfAbsent(sender, Boolean.TRUE) != null) {
            return false;
        }
        if (!perHour.acquirePermission()) {
            answered.invalidate(sender);
            LOG.warn("no answer to {}: {} answers were sent this hour (gateway.intake.email.reply.max-per-hour)",
                    sender, settings.maxPerHour());
            return false;
        }
        try {
            Transport.send(message(refused, sender, problems), settings.username(), settings.password());
            return true;
        } catch (MessagingException | RuntimeException e) {
            answered.invalidate(sender);
            LOG.warn("the answer to {} could not be sent ({}); the email is in the quarantine", sender,
                    e.getMessage());
            return false;
        }
    }

    private MimeMessage message(Refused refused, String sender, List<FieldProblem> problems)
            throws MessagingException {
        MimeMessage reply = new MimeMessage(session());
        reply.setFrom(new InternetAddress(settings.from()));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(sender));
        String subject = refused.subject() == null || refused.subject().isBlank() ? "your email" : refused.subject();
        reply.setSubject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject, "UTF-8");
        if (refused.messageId() != null) {
            reply.setHeader("In-Reply-To", "<" + refused.messageId() + ">");
            reply.setHeader("References", "<" + refused.messageId() + ">");
        }
        reply.setHeader("Auto-Submitted", "auto-replied");
        String reasons = problems.stream().map(FieldProblem::message).collect(Collectors.joining("; "));
        reply.setText(settings.text().replace("{reasons}", reasons).replace("{subject}", subject), "UTF-8");
        return reply;
    }

    private Session session() {
        URI url = URI.create(settings.url());
        String protocol = url.getScheme().toLowerCase(Locale.ROOT);
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", url.getHost());
        properties.put(prefix + "port", String.valueOf(url.getPort() > 0 ? url.getPort()
                : protocol.equals("smtps") ? 465 : 587));
        properties.put(prefix + "auth", String.valueOf(settings.username() != null && !settings.username().isBlank()));
        // STARTTLS, when asked for, is required: a server (or a man in the middle) that does not offer it gets no
        // password in clear.
        properties.put(prefix + "starttls.enable", String.valueOf(settings.startTls()));
        properties.put(prefix + "starttls.required", String.valueOf(settings.startTls()));
        properties.put(prefix + "ssl.checkserveridentity", "true");
        String timeout = String.valueOf(Duration.ofSeconds(10).toMillis());
        properties.put(prefix + "connectiontimeout", timeout);
        properties.put(prefix + "timeout", timeout);
        properties.put(prefix + "writetimeout", timeout);
        return Session.getInstance(properties);
    }

    private boolean robot(String sender) {
        int at = sender.indexOf('@');
        String local = at < 0 ? sender : sender.substring(0, at);
        return ownAddresses.contains(sender) || ROBOTS.stream().anyMatch(local::startsWith);
    }

    /** The bare, lower-case address of {@code value} ({@code "Service <s@x.example>"} is {@code s@x.example}). */
    private static String address(String value) {
        if (value == null || !value.contains("@")) {
            return null;
        }
        try {
            return new InternetAddress(value, true).getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return null;
        }
    }
}
