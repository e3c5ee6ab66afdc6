package io.dispatchgateway.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.intake.JobIntake;
import io.dispatchgateway.core.model.Technician;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PayloadReaderTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private final PayloadReader reader = new PayloadReader(new ObjectMapper().registerModule(new JavaTimeModule()),
            VALIDATION.getValidator(), null);

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void oneBadFieldDoesNotHideTheNext() {
        PayloadReader.Parsed<JobIntake> parsed = reader.parse("""
                {"externalId": "E", "customerId": "C", "summary": "s", "reportedPriority": "SOON",
                 "location": {"lat": "north", "lon": -104.9}, "extra": true, "requiredParts": ["A", []]}
                """, JobIntake.class);

        assertThat(parsed.problems()).containsExactlyInAnyOrder(
                new FieldProblem("reportedPriority", "must be one of CRITICAL, HIGH, NORMAL, LOW"),
                new FieldProblem("location.lat", "must be a number"),
                new FieldProblem("extra", "is not a field of this contract"),
                new FieldProblem("requiredParts[1]", "must be a string"));
    }

    @Test
    void constraintProblemsAreAddedOnlyForFieldsWithoutABindingProblem() {
        PayloadReader.Parsed<JobIntake> parsed = reader.parse("""
                {"externalId": "", "summary": "s", "location": {"lat": "x", "lon": 500}}
                """, JobIntake.class);

        List<FieldProblem> all = parsed.withChecks(reader::constraints);

        assertThat(all).extracting(FieldProblem::field)
                .containsExactly("customerId", "externalId", "location.lat", "location.lon");
        assertThat(all).filteredOn(p -> p.field().equals("location.lat")).singleElement()
                .extracting(FieldProblem::message).isEqualTo("must be a number");
    }

    @Test
    void nothingIsCoercedEnumsByNameBooleansAsBooleansNumbersAsNumbersTimesAsText() {
        PayloadReader.Parsed<JobIntake> parsed = reader.parse("""
                {"externalId": 7, "customerId": "C", "summary": "s", "reportedPriority": 0, "safetyImpact": "true",
                 "location": {"lat": 39.7, "lon": -104.9}, "partQuantities": {"FLT": 1.5}, "notBefore": 20281231}
                """, JobIntake.class);

        assertThat(parsed.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("externalId",
                "reportedPriority", "safetyImpact", "partQuantities.FLT", "notBefore");
        assertThat(parsed.problems()).filteredOn(p -> p.field().equals("reportedPriority")).singleElement()
                .extracting(FieldProblem::message).isEqualTo("must be one of CRITICAL, HIGH, NORMAL, LOW");
        for (String flag : List.of("1", "\"\"", "\"yes\"")) {
            assertThat(reader.parse("""
                    {"externalId": "E", "customerId": "C", "summary": "s", "safetyImpact": %s,
                     "location": {"lat": 39.7, "lon": -104.9}}""".formatted(flag), JobIntake.class).problems())
                    .as(flag).extracting(FieldProblem::field).containsExactly("safetyImpact");
        }
    }

    @Test
    void skillLevelsStockAndCertificateDatesAreInRange() {
        PayloadReader.Parsed<Technician> parsed = reader.parse("""
                {"id": "T-9", "name": "Nia", "skills": {"plumbing": 99, "gas": -3}, "truckStock": {"VALVE": -1},
                 "homeBase": {"lat": 39.7, "lon": -104.9},
                 "certifications": [{"code": "GAS-FITTER", "expiresOn": 20281231}]}
                """, Technician.class);

        assertThat(parsed.withChecks(reader::constraints)).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                "certifications[0].expiresOn", "skills[plumbing]", "skills[gas]", "truckStock[VALVE]");
    }

    @Test
    void replayWeightsAreFiniteAndSlaTargetsPositive() {
        PayloadReader.Parsed<io.dispatchgateway.gateway.web.JobController.ReplayRequest> replay = reader.parse("""
                {"weights": {"slaRisk": 1e400, "travel": -1, "skillFit": "Infinity", "penalty": "NaN", "workload": 2}}
                """, io.dispatchgateway.gateway.web.JobController.ReplayRequest.class);
        assertThat(replay.withChecks(reader::constraints)).extracting(FieldProblem::field)
                .containsOnly("weights[penalty]", "weights[skillFit]", "weights[slaRisk]", "weights[travel]");

        PayloadReader.Parsed<io.dispatchgateway.core.model.Entitlement> entitlement = reader.parse("""
                {"slaTargets": {"HIGH": "-PT4H", "NORMAL": "PT8H"}}
                """, io.dispatchgateway.core.model.Entitlement.class);
        assertThat(entitlement.withChecks(reader::constraints)).extracting(FieldProblem::field)
                .containsExactly("slaTargets[HIGH]");
    }

    @Test
    void malformedJsonIsOneProblemWithItsPosition() {
        assertThat(reader.parse("{\"a\": }", JobIntake.class).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("$");
            assertThat(p.message()).startsWith("malformed JSON").contains("line 1, column 7");
        });
    }

    @Test
    void technicianIsActiveUnlessMarkedOtherwise() {
        Technician technician = reader.parse("{\"id\":\"T\",\"name\":\"N\",\"homeBase\":{\"lat\":1,\"lon\":2}}",
                Technician.class).value();

        assertThat(technician.active()).isTrue();
    }
}
