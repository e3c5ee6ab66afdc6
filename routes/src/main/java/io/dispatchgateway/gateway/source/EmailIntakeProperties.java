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
 */
@Validated
@ConfigurationProperties("gateway.intake.email")
public record EmailIntakeProperties(boolean enabled, String url, String username, String password,
        @DefaultValue("INBOX") @NotBlank String folder, @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("default") @NotBlank String tenant, Map<String, String> senders,
        @DefaultValue("5000") @Positive int maxBodyCharacters, @DefaultValue("10MB") DataSize maxMessageSize) {

    public EmailIntakeProperties {
        senders = senders == null ? Map.of() : Map.copyOf(senders);
    }
}
