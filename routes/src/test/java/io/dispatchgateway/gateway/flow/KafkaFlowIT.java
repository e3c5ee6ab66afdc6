package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.MondayMorningClock;
import static io.dispatchgateway.gateway.GatewayClient.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.gateway.GatewayClient;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same routes on {@code kafka:} endpoints against a real embedded KRaft broker: a job produced as raw
 * JSON on the intake topic travels through every stage over Kafka topics and is assigned.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "kafka"})
@Import(MondayMorningClock.class)
@EmbeddedKafka(kraft = true, partitions = 2, topics = {"dispatch.intake", "dispatch.jobs", "dispatch.classified",
        "dispatch.ranked", "dispatch.assignments"})
class KafkaFlowIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> dataDir.toString());
        // The "kafka" profile's endpoints and consumer settings, on the embedded broker.
        registry.add("camel.component.kafka.brokers", () -> "${spring.embedded.kafka.brokers}");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JobStore jobs;
    @Autowired
    QuarantineStore quarantine;

    @LocalServerPort
    int port;

    @Test
    void stagesRunOnKafkaTopics() {
        assertThat(camel.getRoute("job-classify").getEndpoint().getEndpointUri()).startsWith("kafka://dispatch.jobs");
        assertThat(camel.getRoute("job-assign").getEndpoint().getEndpointUri())
                .startsWith("kafka://dispatch.assignments");
    }

    @Test
    void jobProducedOnTheIntakeTopicIsAssignedThroughKafka() {
        producer.sendBody(camel.getRoute("job-intake-source").getEndpoint(),
                job("KAFKA-1", "C-0128", "Water heater leaking in the garage"));

        GatewayClient client = new GatewayClient(port);
        String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> jobs.findId("test", "KAFKA-1").orElse(null), found -> found != null);
        JsonNode job = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                        found -> "ASSIGNED".equals(found.get("status").asText()));

        assertThat(job.at("/classification/category").asText()).isEqualTo("PLUMBING_LEAK");
        assertThat(job.at("/assignment/technicianId").asText()).isNotBlank();
        assertThat(job.get("audit").toString()).contains("via queue");
    }

    @Test
    void badPayloadOnTheIntakeTopicIsQuarantinedNotLost() {
        long before = quarantine.count();

        producer.sendBody(camel.getRoute("job-intake-source").getEndpoint(), "{\"externalId\": \"KAFKA-BAD\"}");

        await().atMost(Duration.ofSeconds(60)).until(() -> quarantine.count() > before);
        assertThat(quarantine.page(0, 10)).anySatisfy(entry -> {
            assertThat(entry.payload()).contains("KAFKA-BAD");
            assertThat(entry.errors()).extracting(e -> e.field()).contains("customerId", "summary", "location");
        });
    }
}
