package io.dispatchgateway.gateway.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.intake.IntakeOutcome;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import jakarta.mail.Address;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an email to the service mailbox becomes: a reply to the email that opened a job (its {@code In-Reply-To}
 * or {@code References} name that email, or its subject names the job, {@code [J-…]}) from a contact of the job's
 * customer a note on that job; an email from a known sender (the {@code senders} table, else a customer of the
 * mailbox's tenant with that address among its {@code contactEmails}) a job of the intake contract for the
 * sender's customer, at the customer's site,
 * the subject its summary and the sender's own text its description; anything else quarantined with its
 * reasons, and answered with a template when {@code gateway.intake.email.reply} is on. Source {@code email},
 * external id the message's {@code Message-ID}, so an email read twice is one job.
 */
public class EmailJobs {

    static final String SOURCE = "email";
    private static final Logger LOG = LoggerFactory.getLogger(EmailJobs.class);
    private static final Pattern JOB_REFERENCE = Pattern.compile("\\[(J-[0-9a-f]{12})]");
    private static final int MAX_SUMMARY = 500;
    private static final int MAX_EXTERNAL_ID = 100;

    private final EmailIntakeProperties settings;
    private final IntakeGate intake;
    private final CustomerDirectory customers;
    private final JobStore jobs;
    private final AuditLog audit;
    private final QuarantineStore quarantine;
    private final RefusalReplies replies;
    private final ObjectMapper json = new ObjectMapper();

    EmailJobs(EmailIntakeProperties settings, IntakeGate intake, CustomerDirectory customers, JobStore jobs,
            AuditLog audit, QuarantineStore quarantine, RefusalReplies replies) {
        this.replies = replies;
        this.settings = settings;
        this.intake = intake;
        this.customers = customers;
        this.jobs = jobs;
        this.audit = audit;
        this.quarantine = quarantine;
    }

    /** What became of one email. */
    public enum Outcome { JOB, NOTE, QUARANTINED }

    /**
     * @throws MessagingException when the mailbox could not be read (the connection lost): the email stays unseen
     *         and is read again; an email that cannot be read for what it is (a broken header, a part that does
     *         not parse, too large) is quarantined instead, so it is not read again and again
     */
    public Outcome take(Message received) throws MessagingException {
        Email email;
        try {
            long size = size(received);
            if (size > settings.maxMessageSize().toBytes()) {
                return unreadable(received, "the email is " + size + " bytes, more than "
                        + settings.maxMessageSize() + " (gateway.intake.email.max-message-size)");
            }
            // A copy read from the raw message: the mail server's parsed envelope fails on a broken header,
            // where reading the header ourselves only loses that header.
            email = read(new MimeMessage((MimeMessage) received));
        } catch (FolderClosedException | StoreClosedException connectionLost) {
            throw connectionLost;
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return unreadable(received, "the email could not be read: " + unreadable.getMessage());
        }
        return take(email);
    }

    /** The size the mail server gives, or -1 when it cannot say (a broken envelope). */
    private static long size(Message message) throws MessagingException {
        try {
            return message.getSize();
        } catch (FolderClosedException | StoreClosedException connectionLost) {
            throw connectionLost;
        } catch (MessagingException brokenEnvelope) {
            return -1;
        }
    }

    /** What the gateway reads in an email. */
    private record Email(String sender, String subject, String text, String attachments, List<String> references,
            String externalId, String messageId, boolean automatic, boolean authenticated) {}

    private Email read(MimeMessage message) throws MessagingException, IOException {
        String sender = sender(message);
        String subject = subject(message);
        EmailText.Content content = EmailText.of(message);
        String text = cut(content.text(), settings.maxBodyCharacters());
        String[] ids = message.getHeader("Message-ID");
        return new Email(sender, subject, text, attachments(content), references(message),
                externalId(message, sender, subject, text), ids == null || ids.length == 0 ? null : messageId(ids[0]),
                automatic(message), authenticated(message));
    }

    /**
     * Whether the receiving mail server says the sender passed DMARC: its {@code Authentication-Results}, the
     * topmost one (a server adds its own on top; any below may be the sender's).
     */
    private static boolean authenticated(Message message) throws MessagingException {
        String[] results = message.getHeader("Authentication-Results");
        return results != null && results.length > 0
                && results[0].toLowerCase(Locale.ROOT).matches("(?s).*\\bdmarc=pass\\b.*");
    }

    /** Whether the email says a machine sent it (RFC 3834 {@code Auto-Submitted}, a bulk {@code Precedence}). */
    private static boolean automatic(Message message) throws MessagingException {
        String[] submitted = message.getHeader("Auto-Submitted");
        String[] precedence = message.getHeader("Precedence");
        return submitted != null && submitted.length > 0 && !submitted[0].strip().equalsIgnoreCase("no")
                || precedence != null && precedence.length > 0
                        && List.of("bulk", "list", "junk").contains(precedence[0].strip().toLowerCase(Locale.ROOT));
    }

    private Outcome unreadable(Message message, String why) {
        String subject;
        try {
            subject = message.getSubject();
        } catch (MessagingException | RuntimeException e) {
            subject = "(unreadable)";
        }
        quarantine.quarantine(settings.tenant(), SOURCE, "job", List.of(new FieldProblem("email", why)),
                "Subject: " + subject);
        LOG.info("email quarantined: {}", why);
        try {
            // Marked seen here: the route's own marking reads the envelope that could not be read.
            message.setFlag(jakarta.mail.Flags.Flag.SEEN, true);
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("a quarantined email could not be marked seen, so it will be read again: {}", e.toString());
        }
        return Outcome.QUARANTINED;
    }

    private Outcome take(Email email) {
        String sender = email.sender();
        String subject = email.subject();
        String text = email.text();
        List<FieldProblem> problems = new ArrayList<>();
        Customer customer = null;
        if (sender == null) {
            problems.add(new FieldProblem("from", "the email names no sender address"));
        } else {
            String customerId = customerOf(sender);
            if (customerId != null) {
                customer = customers.find(customerId).orElse(null);
                if (customer == null) {
                    problems.add(new FieldProblem("from", sender + " is mapped to customer " + customerId
                            + ", which is not known"));
                }
            } else {
                customer = customers.findByContactEmail(settings.tenant(), sender).orElse(null);
                if (customer == null) {
                    problems.add(new FieldProblem("from", sender + " is not a known customer contact"
                            + " (gateway.intake.email.senders, or a customer's contactEmails)"));
                }
            }
        }
        Optional<String> repliedTo = repliedJob(email.references(), subject);
        if (repliedTo.isPresent()) {
            // Only the job's own customer adds notes to it; anyone else's reply is kept in the quarantine.
            String owner = jobs.find(repliedTo.get()).map(j -> j.job().customerId()).orElse(null);
            if (customer != null && customer.id().equals(owner)) {
                audit.record(repliedTo.get(), "email:" + sender, AuditAction.NOTE_ADDED,
                        (text.isEmpty() ? "(a reply with no text of its own)" : text) + email.attachments());
                return Outcome.NOTE;
            }
            problems.clear();
            problems.add(new FieldProblem("from", (sender == null ? "an email without a sender" : sender)
                    + " replies to job " + repliedTo.get() + " but is not a contact of its customer"));
        }
        if (!problems.isEmpty()) {
            quarantine.quarantine(settings.tenant(), SOURCE, "job", problems, "From: " + sender + "\nSubject: "
                    + subject + "\n\n" + text);
            LOG.info("email from {} quarantined: {}", sender, problems);
            replies.answer(refused(email), problems);
            return Outcome.QUARANTINED;
        }
        ObjectNode job = json.createObjectNode();
        job.put("externalId", email.externalId());
        job.put("tenant", settings.tenant());
        job.put("source", SOURCE);
        job.put("customerId", customer.id());
        String summary = subject.isEmpty() ? firstLine(text) : subject;
        job.put("summary", cut(summary, MAX_SUMMARY));
        job.put("description", cut(text + email.attachments(), settings.maxBodyCharacters()));
        if (customer.site() != null) {
            job.set("location", json.valueToTree(customer.site()));
        }
        IntakeOutcome outcome = intake.submit(job.toString(), SOURCE, "source:" + SOURCE, null);
        if (!outcome.accepted()) {
            // Intake has quarantined it with its field problems; the sender hears why, when replies are on.
            replies.answer(refused(email), outcome.problems());
            return Outcome.QUARANTINED;
        }
        return Outcome.JOB;
    }

    private static RefusalReplies.Refused refused(Email email) {
        return new RefusalReplies.Refused(email.sender(), email.subject(), email.messageId(), email.automatic(),
                email.authenticated());
    }

    /** The emails this one answers: its {@code In-Reply-To} and {@code References}. */
    private static List<String> references(Message message) throws MessagingException {
        List<String> referenced = new ArrayList<>();
        for (String header : new String[] {"In-Reply-To", "References"}) {
            String[] values = message.getHeader(header);
            if (values != null) {
                for (String value : values) {
                    for (String id : value.trim().split("\\s+")) {
                        if (!id.isBlank()) {
                            referenced.add(messageId(id));
                        }
                    }
                }
            }
        }
        return referenced;
    }

    private Optional<String> repliedJob(List<String> referenced, String subject) {
        for (String id : referenced) {
            Optional<String> job = jobs.findId(settings.tenant(), SOURCE, id);
            if (job.isPresent()) {
                return job;
            }
        }
        Matcher reference = JOB_REFERENCE.matcher(subject);
        if (reference.find() && settings.tenant().equals(jobs.tenantOf(reference.group(1)).orElse(null))) {
            return Optional.of(reference.group(1));
        }
        return Optional.empty();
    }

    private static String subject(Message message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject().strip();
        } catch (MessagingException brokenHeader) {
            return "";
        }
    }

    private String customerOf(String sender) {
        String exact = settings.senders().get(sender);
        if (exact != null) {
            return exact;
        }
        return settings.senders().get(sender.substring(sender.indexOf('@')));
    }

    private static String sender(Message message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException malformed) {
            return null;
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                || address.getAddress() == null || !address.getAddress().contains("@")) {
            return null;
        }
        return address.getAddress().toLowerCase(Locale.ROOT);
    }

    /** The Message-ID without its brackets; a long one (or none) as a digest of what identifies the email. */
    private static String externalId(Message message, String sender, String subject, String text)
            throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        String id = ids == null || ids.length == 0 ? null : messageId(ids[0]);
        if (id != null && !id.isBlank() && id.length() <= MAX_EXTERNAL_ID) {
            return id;
        }
        String basis = id != null && !id.isBlank() ? id : sender + "\n" + message.getSentDate() + "\n" + subject
                + "\n" + text;
        try {
            return "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(basis.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(String header) {
        String id = header.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.strip();
    }

    private static String attachments(EmailText.Content content) {
        return content.attachments().isEmpty() ? ""
                : "\n\n[attachments not kept: " + String.join(", ", content.attachments()) + "]";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String note = " [cut: " + text.length() + " characters in all]";
        return text.substring(0, Math.max(0, max - note.length())) + note;
    }
}
