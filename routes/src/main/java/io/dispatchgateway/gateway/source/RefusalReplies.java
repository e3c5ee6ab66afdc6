package io.dispatchgateway.gateway.source;

import io.dispatchgateway.core.intake.FieldProblem;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templated answer to an email that could not become a job, when {@code gateway.intake.email.reply} is
 * enabled: sent over SMTP to the sender, with the quarantine's reasons, marked {@code Auto-Submitted:
 * auto-replied}. Never sent to automatic mail (an {@code Auto-Submitted} or bulk {@code Precedence} header, a
 * mailer daemon or no-reply address, the gateway's own address), nor twice to one sender within
 * {@code min-interval}, so two robots cannot keep answering each other. A reply that cannot be sent is logged;
 * the email is in the quarantine either way.
 */
final class RefusalReplies {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalReplies.class);
    private static final List<String> ROBOTS = List.of("mailer-daemon", "postmaster", "noreply", "no-reply",
            "donotreply", "do-not-reply");
    private static final int MAX_REMEMBERED = 10_000;

    /** The email being answered: who sent it, its subject and id, and whether it says it is automatic. */
    record Refused(String sender, String subject, String messageId, boolean automatic) {}

    private final EmailIntakeProperties.Reply settings;
    private final Clock clock;
    private final Map<String, Instant> lastReplied = new ConcurrentHashMap<>();

    RefusalReplies(EmailIntakeProperties.Reply settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @return whether a reply was sent */
    boolean answer(Refused refused, List<FieldProblem> problems) {
        if (!settings.enabled() || refused.sender() == null || refused.automatic() || robot(refused.sender())) {
            return false;
        }
        Instant now = clock.instant();
        Instant last = lastReplied.get(refused.sender());
        if (last != null && last.plus(settings.minInterval()).isAfter(now)) {
            return false;
        }
        if (lastReplied.size() > MAX_REMEMBERED) {
            lastReplied.clear();
        }
        lastReplied.put(refused.sender(), now);
        try {
            Transport.send(message(refused, problems), settings.username(), settings.password());
            return true;
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("the reply to {} could not be sent ({}); the email is in the quarantine", refused.sender(),
                    e.getMessage());
            return false;
        }
    }

    private MimeMessage message(Refused refused, List<FieldProblem> problems) throws MessagingException {
        MimeMessage reply = new MimeMessage(session());
        reply.setFrom(new InternetAddress(settings.from()));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(refused.sender()));
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
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail." + protocol + ".host", url.getHost());
        properties.put("mail." + protocol + ".port", String.valueOf(url.getPort() > 0 ? url.getPort()
                : protocol.equals("smtps") ? 465 : 25));
        properties.put("mail." + protocol + ".auth", String.valueOf(settings.username() != null
                && !settings.username().isBlank()));
        properties.put("mail." + protocol + ".starttls.enable", String.valueOf(settings.startTls()));
        long timeout = Duration.ofSeconds(10).toMillis();
        properties.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout));
        properties.put("mail." + protocol + ".timeout", String.valueOf(timeout));
        properties.put("mail." + protocol + ".writetimeout", String.valueOf(timeout));
        return Session.getInstance(properties);
    }

    private boolean robot(String sender) {
        String local = sender.substring(0, sender.indexOf('@')).toLowerCase(Locale.ROOT);
        return sender.equalsIgnoreCase(settings.from()) || ROBOTS.stream().anyMatch(local::startsWith);
    }
}
