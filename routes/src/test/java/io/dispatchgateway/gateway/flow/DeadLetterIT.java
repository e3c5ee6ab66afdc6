package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.MondayMorningClock;
import static io.dispatchgateway.gateway.GatewayClient.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.intake.IntakeOutcome;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared error handling: a stage that keeps failing is redelivered with back-off, then its message goes to
 * the dead-letter route and into the quarantine, and the job stays where it was for recovery.
 */
@CamelSpringBootTest
@SpringBootTest
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
@DirtiesContext
class DeadLetterIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.recovery.stalled-after", () -> "0s");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    QuarantineStore quarantine;
    @Autowired
    JobStore jobs;
    @Autowired
    StalledJobRecovery recovery;

    @Test
    void failingStageIsRetriedThenDeadLetteredAndTheJobIsRecoveredLater() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AdviceWith.adviceWith(camel, "job-rank", route -> route.weaveAddFirst().process(exchange -> {
            if (attempts.incrementAndGet() <= 6) {
                throw new IllegalStateException("routing service unavailable");
            }
        }));
        NotifyBuilder deadLettered = new NotifyBuilder(camel).fromRoute("job-rank").whenDone(1).create();

        IntakeOutcome outcome = producer.requestBodyAndHeaders(IntakeGate.ENDPOINT,
                job("DLQ-1", "C-0128", "Toilet keeps running"), Map.of(IntakeGate.CHANNEL, "test"),
                IntakeOutcome.class);

        assertThat(deadLettered.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(attempts.get()).isEqualTo(6); // the first delivery and five redeliveries
        assertThat(quarantine.page(0, 10)).anySatisfy(entry -> {
            assertThat(entry.source()).isEqualTo("route:job-rank");
            assertThat(entry.errors().get(0).message()).contains("routing service unavailable");
            assertThat(entry.payload()).contains(outcome.jobId());
        });
        assertThat(jobs.find(outcome.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CLASSIFIED);

        // Once the stage works again, recovery sends the stalled job on (stalled-after is zero here).
        NotifyBuilder assigned = new NotifyBuilder(camel).fromRoute("job-assign").whenDone(1).create();
        assertThat(recovery.resendStalled()).isPositive();
        assertThat(assigned.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jobs.find(outcome.jobId()).orElseThrow().status()).isEqualTo(JobStatus.ASSIGNED);
    }

    @Test
    void aMessageThatIsNoJobEventIsDeadLetteredAtOnceAndKept() throws Exception {
        java.util.List<Integer> redeliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
        AdviceWith.adviceWith(camel, "dead-letter", route -> route.weaveAddFirst().process(exchange -> redeliveries
                .add(exchange.getMessage().getHeader(org.apache.camel.Exchange.REDELIVERY_COUNTER, 0, Integer.class))));
        NotifyBuilder deadLettered = new NotifyBuilder(camel).fromRoute("job-classify").whenDone(1).create();

        producer.sendBody(camel.resolvePropertyPlaceholders("{{gateway.endpoints.jobs}}"), "{\"jobId\": broken");

        assertThat(deadLettered.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(redeliveries).containsExactly(0); // Camel's Jackson data format could not read it: no retries
        assertThat(quarantine.page(0, 10)).anySatisfy(entry -> {
            assertThat(entry.source()).isEqualTo("route:job-classify");
            assertThat(entry.payload()).isEqualTo("{\"jobId\": broken");
        });
    }
}
