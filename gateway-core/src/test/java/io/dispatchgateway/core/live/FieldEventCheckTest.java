package io.dispatchgateway.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.core.model.FieldEventType;
import io.dispatchgateway.core.model.JobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldEventCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");

    @Test
    void eachTypeNamesTheFieldItNeeds() {
        assertThat(fields(event(FieldEventType.DELAYED, null, null, List.of()))).containsExactly("newEta");
        assertThat(fields(event(FieldEventType.COMPLETED, null, null, List.of()))).containsExactly("firstTimeFix");
        assertThat(fields(event(FieldEventType.PART_MISSING, null, null, List.of()))).containsExactly("parts");
        assertThat(fields(event(FieldEventType.ARRIVED, null, null, List.of()))).isEmpty();
    }

    @Test
    void fieldsOfAnotherTypeAndTimesOutOfOrderAreRefused() {
        assertThat(fields(event(FieldEventType.ARRIVED, NOW.plusSeconds(60), true, List.of("P")))).containsExactly(
                "newEta", "firstTimeFix", "parts");
        FieldEvent backwards = new FieldEvent(FieldEventType.DELAYED, NOW, null, NOW.minusSeconds(60), null, null, null,
                null);
        assertThat(FieldEventCheck.problems(backwards, NOW)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("after the time of the report"));
        FieldEvent future = new FieldEvent(FieldEventType.ARRIVED, NOW.plusSeconds(3600), null, null, null, null, null,
                null);
        assertThat(fields(future)).containsExactly("at");
    }

    @Test
    void transitionsFollowTheJob() {
        assertThat(FieldEventCheck.refusal(JobStatus.ASSIGNED, FieldEventType.EN_ROUTE)).isNull();
        assertThat(FieldEventCheck.next(JobStatus.ASSIGNED, FieldEventType.EN_ROUTE)).isEqualTo(JobStatus.EN_ROUTE);
        assertThat(FieldEventCheck.next(JobStatus.EN_ROUTE, FieldEventType.ARRIVED)).isEqualTo(JobStatus.ON_SITE);
        assertThat(FieldEventCheck.refusal(JobStatus.ASSIGNED, FieldEventType.COMPLETED)).contains("ON_SITE");
        assertThat(FieldEventCheck.refusal(JobStatus.COMPLETED, FieldEventType.CANCELLED)).isNotNull();
        assertThat(FieldEventCheck.next(JobStatus.EN_ROUTE, FieldEventType.DELAYED)).isEqualTo(JobStatus.EN_ROUTE);
    }

    private static FieldEvent event(FieldEventType type, Instant newEta, Boolean ftf, List<String> parts) {
        return new FieldEvent(type, null, null, newEta, ftf, parts, null, null);
    }

    private static List<String> fields(FieldEvent event) {
        return FieldEventCheck.problems(event, NOW).stream().map(FieldProblem::field).toList();
    }
}
