package io.dispatchgateway.gateway.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dispatchgateway.gateway.GatewayClient;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.MondayMorningClock;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service mailbox on a real IMAP and SMTP server (GreenMail): customers' emails sent over SMTP become
 * classified, ranked jobs; an unknown sender's email is quarantined; a reply becomes a note on its job; an HTML
 * email with an attachment, a huge one and one with no sender are taken as the intake contract says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class EmailIntakeIT {

    private static final String MAILBOX = "service@gateway.test";
    /** Demo customers: C-0128 (SILVER) for one contact, everyone at the PLATINUM C-0059's domain. */
    private static final String SILVER_CONTACT = "facilities@silver.test";
    private static final String PLATINUM_DOMAIN = "@platinum.test";
    /** What the receiving mail server writes on top of an email whose sender passed DMARC. */
    private static final String PASSED = "mx.gateway.test; spf=pass smtp.mailfrom=elsewhere.test;"
            + " dmarc=pass header.from=elsewhere.test";
    private static final GreenMail MAIL = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(),
        ServerSetupTest.IMAP.dynamicPort()});

    @TempDir
    static Path dataDir;
    static com.icegreen.greenmail.user.GreenMailUser mailbox;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MAIL.start();
        mailbox = MAIL.setUser(MAILBOX, "service", "mailbox-secret");
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.intake.email.enabled", () -> "true");
        registry.add("gateway.intake.email.url", () -> "imap://localhost:" + MAIL.getImap().getPort());
        registry.add("gateway.intake.email.username", () -> "service");
        registry.add("gateway.intake.email.password", () -> "mailbox-secret");
        registry.add("gateway.intake.email.poll-interval", () -> "300ms");
        registry.add("gateway.intake.email.max-body-characters", () -> "2000");
        registry.add("gateway.intake.email.senders[" + SILVER_CONTACT + "]", () -> "C-0128");
        registry.add("gateway.intake.email.senders[" + PLATINUM_DOMAIN + "]", () -> "C-0059");
        registry.add("gateway.intake.email.reply.enabled", () -> "true");
        registry.add("gateway.intake.email.reply.url", () -> "smtp://localhost:" + MAIL.getSmtp().getPort());
        registry.add("gateway.intake.email.reply.start-tls", () -> "false");
        registry.add("gateway.intake.email.reply.from", () -> MAILBOX);
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JobStore jobs;
    @Autowired
    QuarantineStore quarantine;
    @Autowired
    CustomerDirectory customers;

    private final ObjectMapper json = new ObjectMapper();
    private GatewayClient client;

    @BeforeEach
    void client() {
        client = new GatewayClient(port);
    }

    @Test
    void aCustomersEmailBecomesAClassifiedRankedJobAndItsReplyANote() throws Exception {
        MimeMessage email = message(SILVER_CONTACT, "Roof unit blowing warm air",
                "The unit on the roof is blowing warm air and the server room is at 31 C.\n\nThanks, Dana");
        email.setHeader("Message-ID", "<roof-1@silver.test>");
        GreenMailUtil.sendMimeMessage(email);

        String id = awaitJob("roof-1@silver.test");
        JsonNode job = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> read(id), j -> j.get("recommendation") != null && !j.get("recommendation").isNull());
        assertThat(job.at("/customerId").asText()).isEqualTo("C-0128");
        assertThat(job.at("/summary").asText()).isEqualTo("Roof unit blowing warm air");
        assertThat(job.at("/description").asText()).contains("server room is at 31 C");
        assertThat(job.at("/location/lat").asDouble()).isNotZero();
        assertThat(job.get("classification").isNull()).isFalse();
        assertThat(job.at("/recommendation/eligible").asInt() + job.at("/recommendation/excluded").size())
                .isPositive();

        // The customer answers the gateway's thread: a note on the job, not a second job.
        MimeMessage reply = message(SILVER_CONTACT, "Re: Roof unit blowing warm air",
                "It is now 33 C, please hurry.\n\nOn Mon, Nov 23, 2026 at 9:00 AM Dispatch wrote:\n> Your request"
                        + " was received\n> Ticket " + id);
        reply.setHeader("In-Reply-To", "<roof-1@silver.test>");
        reply.setHeader("Message-ID", "<roof-2@silver.test>");
        GreenMailUtil.sendMimeMessage(reply);

        JsonNode noted = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> read(id), j -> j.get("audit").toString().contains("note-added"));
        assertThat(noted.get("audit").toString()).contains("It is now 33 C, please hurry.")
                .doesNotContain("Your request was received");
        assertThat(jobs.findId("default", "email", "roof-2@silver.test")).isEmpty();

        // A reply that names the job in its subject, from a contact of its customer, is a note too.
        GreenMailUtil.sendMimeMessage(message(SILVER_CONTACT, "Update [" + id + "]", "Access code 4411"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> read(id).get("audit").toString().contains("Access code 4411"));

        // Someone else's customer naming the job is kept in the quarantine, not written on the job.
        GreenMailUtil.sendMimeMessage(message("ops" + PLATINUM_DOMAIN, "Update [" + id + "]", "Cancel it"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> quarantine.page(0, 50).stream().anyMatch(e -> e.errors().toString()
                        .contains("ops@platinum.test replies to job " + id + " but is not a contact of its customer")));
        assertThat(read(id).get("audit").toString()).doesNotContain("Cancel it");
    }

    @Test
    void aSenderAmongACustomersContactEmailsOpensAJobForThatCustomer() throws Exception {
        Customer known = customers.find("C-0128").orElseThrow();
        customers.save(new Customer(known.id(), known.name(), known.tier(), known.site(), known.territory(),
                known.entitlement(), known.notes(), known.tenant(), List.of("dana@whitfield.test")));
        MimeMessage email = message("Dana@Whitfield.test", "Thermostat blank", "The thermostat screen is blank.");
        email.setHeader("Message-ID", "<contact-1@whitfield.test>");
        GreenMailUtil.sendMimeMessage(email);

        String id = awaitJob("contact-1@whitfield.test");
        assertThat(read(id).at("/customerId").asText()).isEqualTo("C-0128");
    }

    @Test
    void anUnknownSendersEmailIsQuarantinedWithTheReasonAndNoJobAndAnsweredOnce() throws Exception {
        MimeMessage email = message("stranger@elsewhere.test", "Free quote?", "Please call me back.");
        email.setHeader("Message-ID", "<stranger-1@elsewhere.test>");
        email.setHeader("Authentication-Results", PASSED);
        GreenMailUtil.sendMimeMessage(email);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> quarantine.page(0, 50).stream().anyMatch(e -> e.errors().toString()
                        .contains("stranger@elsewhere.test is not a known customer contact")));
        assertThat(jobs.findId("default", "email", "stranger-1@elsewhere.test")).isEmpty();

        // The templated answer to the sender the receiving server authenticated; a second email of theirs within
        // the hour, an automatic one and one whose sender nobody vouched for (forged, perhaps) get none.
        MimeMessage reply = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> sentTo("stranger@elsewhere.test"), sent -> sent.size() == 1).get(0);
        assertThat(reply.getSubject()).isEqualTo("Re: Free quote?");
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<stranger-1@elsewhere.test>");
        assertThat(reply.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(GreenMailUtil.getBody(reply)).contains("We could not open a service request from it")
                .doesNotContain("gateway.intake", "C-0");
        MimeMessage again = message("stranger@elsewhere.test", "Hello again", "Still waiting.");
        again.setHeader("Message-ID", "<stranger-2@elsewhere.test>");
        again.setHeader("Authentication-Results", PASSED);
        GreenMailUtil.sendMimeMessage(again);
        MimeMessage robot = message("robot@elsewhere.test", "Out of office", "I am away.");
        robot.setHeader("Auto-Submitted", "auto-replied");
        robot.setHeader("Message-ID", "<robot-1@elsewhere.test>");
        robot.setHeader("Authentication-Results", PASSED);
        GreenMailUtil.sendMimeMessage(robot);
        MimeMessage forged = message("victim@elsewhere.test", "Hi", "Who knows who wrote this.");
        forged.setHeader("Message-ID", "<forged-1@elsewhere.test>");
        GreenMailUtil.sendMimeMessage(forged);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> quarantine.page(0, 50).stream().filter(e -> e.errors().toString()
                        .contains("@elsewhere.test is not a known customer contact")).count() == 4);
        Thread.sleep(1000);
        assertThat(sentTo("stranger@elsewhere.test")).hasSize(1);
        assertThat(sentTo("robot@elsewhere.test")).isEmpty();
        assertThat(sentTo("victim@elsewhere.test")).isEmpty();
    }

    /** The emails the gateway sent to {@code address}. */
    private static List<MimeMessage> sentTo(String address) throws Exception {
        List<MimeMessage> sent = new java.util.ArrayList<>();
        for (MimeMessage message : MAIL.getReceivedMessages()) {
            var to = message.getRecipients(Message.RecipientType.TO);
            if (to != null && to.length > 0 && to[0].toString().equalsIgnoreCase(address)) {
                sent.add(message);
            }
        }
        return sent;
    }

    @Test
    void anHtmlEmailWithAnAttachmentAndAHugeOneAreTakenAsText() throws Exception {
        MimeMessage html = message("maria" + PLATINUM_DOMAIN, "Walk-in freezer warm", null);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
                + "<p>The <b>walk-in freezer</b> reads -2 C, it should be -18 C.</p></body></html>", "text/html");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setContent(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}, "image/jpeg");
        photo.setFileName("thermometer.jpg");
        photo.setDisposition(MimeBodyPart.ATTACHMENT);
        html.setContent(new MimeMultipart(body, photo));
        html.setHeader("Message-ID", "<freezer-1@platinum.test>");
        GreenMailUtil.sendMimeMessage(html);

        String htmlId = awaitJob("freezer-1@platinum.test");
        JsonNode job = read(htmlId);
        assertThat(job.at("/customerId").asText()).isEqualTo("C-0059");
        assertThat(job.at("/description").asText()).contains("The walk-in freezer reads -2 C")
                .contains("attachments not kept: thermometer.jpg").doesNotContain("<b>", "alert", "color:red");

        MimeMessage huge = message(SILVER_CONTACT, "Leak", "Water everywhere. " + "x".repeat(300_000));
        huge.setHeader("Message-ID", "<huge-1@silver.test>");
        GreenMailUtil.sendMimeMessage(huge);
        String hugeId = awaitJob("huge-1@silver.test");
        String description = read(hugeId).at("/description").asText();
        assertThat(description).hasSizeLessThanOrEqualTo(2000).startsWith("Water everywhere.")
                .endsWith("characters in all]");
    }

    @Test
    void anEmailWithNoSenderAndOneWithABrokenHeaderAreQuarantinedOnce() throws Exception {
        // No SMTP server relays a message without a sender: both go straight into the mailbox.
        mailbox.deliver(unsent(null, "No heat", "Nobody signed this."));
        mailbox.deliver(unsent("not an address", "Broken", "The mail server cannot even say who sent this."));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> quarantine.page(0, 50).stream().anyMatch(e -> e.errors().toString()
                        .contains("the email names no sender address")));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> quarantine.page(0, 50).stream().anyMatch(e -> e.errors().toString()
                        .contains("the email could not be read")));
        Thread.sleep(1500); // five more polls: the broken email is not read again
        assertThat(quarantine.page(0, 50).stream().filter(e -> e.errors().toString()
                .contains("the email could not be read")).count()).isEqualTo(1);
    }

    private String awaitJob(String messageId) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.findId("default", "email", messageId), Optional::isPresent).orElseThrow();
    }

    private JsonNode read(String id) throws Exception {
        return json.readTree(client.send("GET", "/api/v1/jobs/" + id, "dispatcher", null).body());
    }

    /** A message as it would sit in the mailbox, its From header as given (none when null). */
    private static MimeMessage unsent(String fromHeader, String subject, String text) throws Exception {
        MimeMessage message = new KeepsItsId();
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        message.setSubject(subject);
        message.setText(text);
        if (fromHeader != null) {
            message.setHeader("From", fromHeader);
        }
        message.saveChanges();
        return message;
    }

    private static MimeMessage message(String from, String subject, String text) throws Exception {
        MimeMessage message = new KeepsItsId();
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        message.setSubject(subject);
        if (text != null) {
            message.setText(text);
        }
        return message;
    }

    /** A message that keeps the Message-ID a test gives it (sending would give it a new one). */
    private static final class KeepsItsId extends MimeMessage {
        KeepsItsId() {
            super(session());
        }

        @Override
        protected void updateMessageID() throws jakarta.mail.MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }

    private static Session session() {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "localhost");
        smtp.put("mail.smtp.port", String.valueOf(MAIL.getSmtp().getPort()));
        return Session.getInstance(smtp);
    }
}
