package io.dispatchgateway.gateway.source;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The mailbox route {@code email-job-source} polls, when enabled.
 *
 * @param enabled whether customers' emails become jobs
 * @param url the mail store, {@code imaps://imap.example.com:993} (or {@code imap://} for a local server)
 * @param username the mailbox's user
 * @param password the mailbox's password (give it in the environment, never in a file in the repository)
 * @param folder the folder read; a message taken (a job, a note or quarantined) is marked seen there, one that
 *        could not be taken (the store down) stays unseen and is read again
 * @param pollInterval how often the folder is read
 * @param tenant the tenant the mailbox's jobs belong to
 * @param senders who may open jobs: a sender's address, or {@code @domain} for everyone at a domain, to the
 *        customer id their jobs are for; anyone else's email is quarantined
 * @param maxBodyCharacters how much of a message's text becomes the job's description (the rest is cut, said so)
 * @param maxMessageSize a larger email (attachments included) is quarantined unread
 * @param reply the templated answer to an email that could not become a job; off unless enabled
 */
@Validated
@ConfigurationProperties("gateway.intake.email")
public record EmailIntakeProperties(boolean enabled, String url, String username, String password,
        @DefaultValue("INBOX") @NotBlank String folder, @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("default") @NotBlank String tenant, Map<String, String> senders,
        @DefaultValue("5000") @Positive int maxBodyCharacters, @DefaultValue("10MB") DataSize maxMessageSize,
        @DefaultValue Reply reply) {

    public EmailIntakeProperties {
        senders = senders == null ? Map.of() : Map.copyOf(senders);
    }

    /**
     * The templated answer to a refused email (an unknown sender, a reply from outside the job's customer, a job
     * intake refuses).
     *
     * @param enabled whether refused senders get an answer
     * @param url the mail server that sends it, {@code smtps://smtp.example.com:465} or {@code smtp://host:587}
     * @param username the server's user (none: no login)
     * @param password the server's password (give it in the environment)
     * @param startTls whether an {@code smtp://} connection is upgraded with STARTTLS
     * @param from the address the answer comes from
     * @param text the answer; {@code {subject}} is replaced by the email's subject and {@code {reasons}} by the
     *        quarantine's reasons (which name settings and customer ids: use it only for trusted senders)
     * @param minInterval one sender gets at most one answer in this time
     * @param maxPerHour the most answers sent in an hour, to all senders together
     * @param requireAuthentication whether only senders the receiving mail server authenticated (the topmost
     *        {@code Authentication-Results} header says {@code dmarc=pass}) are answered, so a forged From
     *        address gets nothing
     */
    public record Reply(boolean enabled, String url, String username, String password,
            @DefaultValue("true") boolean startTls, String from,
            @DefaultValue("Thank you for your email. We could not open a service request from it. Please call us,"
                    + " or write from the address we have on file for you.") String text,
            @DefaultValue("1h") Duration minInterval, @DefaultValue("20") @Positive int maxPerHour,
            @DefaultValue("true") boolean requireAuthentication) {}
}
