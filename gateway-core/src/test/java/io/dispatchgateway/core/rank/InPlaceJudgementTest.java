package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.SITE;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.input;
import static io.dispatchgateway.core.Fixtures.north;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.Fixtures;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.plan.Visit;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job judged where a whole plan has it (the plan optimizer's): its shares of the plan add up to the plan's. */
class InPlaceJudgementTest {

    @Test
    void aDaysOvertimeIsCarriedByItsLastJobAloneSoItCountsOnce() {
        Technician technician = new Technician("T-1", "Tech T-1", Map.of("hvac", 3), List.of(),
                new Shift(null, LocalTime.of(7, 0), LocalTime.of(11, 50)), north(0), "central", Map.of(), null, true,
                null);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            visits.add(new Visit("J-" + i, Visit.State.ASSIGNED, SITE.point(), Duration.ofMinutes(60),
                    NOW.plus(Duration.ofDays(3)), null, null, Map.of(), Priority.NORMAL, null, null));
        }
        CandidateRanker ranker = Fixtures.ranker(SETTINGS);
        TechnicianPlan plan = ranker.timeline().compute(technician, visits, NOW, List.of());
        RankingInput input = input(classification("hvac", 1, Priority.NORMAL, false), List.of(technician));
        TechnicianState state = TechnicianState.planned(visits);

        double dayOvertime = plan.day(plan.visits().get(2).day()).orElseThrow().overtimeMinutes();
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shares.add(Candidate.placed(technician, state, plan, i, input, SETTINGS).overtimeMinutes());
        }

        assertThat(plan.visits()).allMatch(v -> v.planned() && v.day().equals(plan.visits().get(0).day()));
        assertThat(dayOvertime).isPositive();
        assertThat(shares).containsExactly(0.0, 0.0, dayOvertime);
    }
}
