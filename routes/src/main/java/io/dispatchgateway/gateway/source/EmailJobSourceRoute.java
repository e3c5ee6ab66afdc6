package io.dispatchgateway.gateway.source;

import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import jakarta.mail.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Route {@code email-job-source}: polls the service mailbox with Camel's mail component and gives each unseen
 * email to {@link EmailJobs}. An email is marked seen only once taken (a job, a note, or quarantined); when
 * taking it fails (the store down) it stays unseen and is read again on the next poll, so none is lost.
 */
@Component
@ConditionalOnBooleanProperty(prefix = "gateway.intake.email", name = "enabled")
@EnableConfigurationProperties(EmailIntakeProperties.class)
public class EmailJobSourceRoute extends RouteBuilder {

    private final EmailIntakeProperties settings;
    private final EmailJobs emails;

    public EmailJobSourceRoute(EmailIntakeProperties settings, IntakeGate intake, CustomerDirectory customers,
            JobStore jobs, AuditLog audit, QuarantineStore quarantine) {
        if (settings.url() == null || settings.url().isBlank() || !settings.url().matches("imaps?://[^?]+")) {
            throw new IllegalStateException("gateway.intake.email.url must be the mailbox's imaps://host:port (or"
                    + " imap://), without options; it is '" + settings.url() + "'");
        }
        if (settings.username() == null || settings.username().isBlank()) {
            throw new IllegalStateException("gateway.intake.email.username is required when"
                    + " gateway.intake.email.enabled is true");
        }
        EmailIntakeProperties.Reply reply = settings.reply();
        if (reply.enabled() && (reply.url() == null || !reply.url().matches("smtps?://[^/?]+")
                || reply.from() == null || !reply.from().contains("@"))) {
            throw new IllegalStateException("gateway.intake.email.reply needs url (smtps://host:port or"
                    + " smtp://host:port) and from (an address) when reply.enabled is true");
        }
        this.settings = settings;
        this.emails = new EmailJobs(settings, intake, customers, jobs, audit, quarantine,
                new RefusalReplies(reply, settings.username()));
    }

    @Override
    public void configure() {
        // RAW(): the password is passed as it is, and Camel masks it wherever it logs the endpoint.
        from(settings.url() + "?username=RAW(" + settings.username() + ")&password=RAW("
                + (settings.password() == null ? "" : settings.password()) + ")&folderName=" + settings.folder()
                + "&unseen=true&peek=true&delete=false&mapMailMessage=false&maxMessagesPerPoll=50&delay="
                + settings.pollInterval().toMillis())
                .routeId("email-job-source")
                .process(exchange -> {
                    Message message = exchange.getIn(MailMessage.class).getMessage();
                    emails.take(message);
                });
    }
}
