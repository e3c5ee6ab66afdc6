package io.dispatchgateway.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Priority;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Documents stored by an earlier version read back: the fields added since are empty, never an error. */
class JsonCodecTest {

    private final JsonCodec json = new JsonCodec(new ObjectMapper().findAndRegisterModules());

    @Test
    void aClassificationStoredBeforeModelsReadsAsTheRules() {
        Classification read = json.read("""
                {"category":"HVAC_HEATING","priority":"HIGH","requiredSkill":"hvac-heating","minimumSkillLevel":2,
                 "additionalSkills":{},"alternativeSkills":{},"requiredCertification":null,
                 "estimatedDuration":"PT1H30M","slaDeadline":"2026-11-23T20:00:00Z","safetyImpact":false,
                 "rule":"no-heat"}""", Classification.class);

        assertThat(read.proposedBy()).isNull();
        assertThat(read.priority()).isEqualTo(Priority.HIGH);
        assertThat(read.estimatedDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(json.read(json.write(read), Classification.class)).isEqualTo(read);
    }

    @Test
    void aCustomerAndAPackStoredBeforeReadWithoutContactsOrSummary() {
        Customer customer = json.read("""
                {"id":"C-1","name":"Glenarm Dental","tier":"GOLD","tenant":"default"}""", Customer.class);
        DispatchPack pack = json.read("""
                {"jobId":"J-1","technicianId":"T-1","issueSummary":"No heat","category":"HVAC_HEATING",
                 "priority":"HIGH","slaDeadline":"2026-11-23T20:00:00Z","requiredParts":[],
                 "partsMissingFromTruck":[],"escalationRules":[],"createdAt":"2026-11-23T16:00:00Z"}""",
                DispatchPack.class);

        assertThat(customer.contactEmails()).isEmpty();
        assertThat(pack.incidentSummary()).isNull();
        assertThat(pack.slaDeadline()).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));
    }
}
