package io.dispatchgateway.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.live.ExceptionRules.Claim;
import io.dispatchgateway.core.live.ExceptionRules.Family;
import io.dispatchgateway.core.live.ExceptionRules.Holder;
import io.dispatchgateway.core.live.ExceptionRules.Outcome;
import io.dispatchgateway.core.live.ExceptionRules.Pickup;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
    private static final Instant DEADLINE = NOW.plusSeconds(2 * 3600);

    @Test
    void aMissedArrivalIsReassignedToTheFirstRankedTechnicianWhoRecoversTheSla() {
        var decision = ExceptionRules.recover(Family.MISSED_ARRIVAL, "T1", DEADLINE, List.of(
                option("T1", 1, NOW.plusSeconds(600)), option("T2", 2, DEADLINE.plusSeconds(60)),
                option("T3", 3, NOW.plusSeconds(3600)), option("T4", 4, NOW.plusSeconds(1800))), true);
        assertThat(decision.outcome()).isEqualTo(Outcome.REASSIGN);
        assertThat(decision.technicianId()).isEqualTo("T3");
        assertThat(decision.reason()).contains("T3", "before the deadline");
    }

    @Test
    void aMissedArrivalNobodyCanRecoverIsEscalatedWithTheBestAlternative() {
        var decision = ExceptionRules.recover(Family.MISSED_ARRIVAL, "T1", DEADLINE, List.of(
                option("T2", 1, DEADLINE.plusSeconds(600)), option("T3", 2, DEADLINE.plusSeconds(60))), true);
        assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
        assertThat(decision.technicianId()).isEqualTo("T2");
        assertThat(decision.reason()).contains("no other technician can arrive before the deadline");
    }

    @Test
    void anSlaRiskOnlyProposesTheReassignment() {
        var decision = ExceptionRules.recover(Family.SLA_RISK, "T1", DEADLINE, List.of(
                option("T2", 1, NOW.plusSeconds(900))), false);
        assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
        assertThat(decision.technicianId()).isEqualTo("T2");
        assertThat(decision.reason()).startsWith("escalate, proposing a reassignment");
    }

    @Test
    void aMissingPartIsPickedUpWhenTheDetourKeepsTheSla() {
        var decision = ExceptionRules.missingPart(List.of("P-1"), DEADLINE,
                List.of(new Pickup("D2", "East depot", NOW.plusSeconds(5400)), new Pickup("D1", "North depot",
                        NOW.plusSeconds(3600))),
                List.of(new Holder("T9", NOW.plusSeconds(1200))), NOW.plusSeconds(86_400));
        assertThat(decision.outcome()).isEqualTo(Outcome.PICKUP);
        assertThat(decision.depotId()).isEqualTo("D1");
        assertThat(decision.newEta()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void aMissingPartGoesToATechnicianWhoHasItWhenNoPickupKeepsTheSla() {
        var decision = ExceptionRules.missingPart(List.of("P-1"), DEADLINE,
                List.of(new Pickup("D1", "North depot", DEADLINE.plusSeconds(600))),
                List.of(new Holder("T9", NOW.plusSeconds(4000)), new Holder("T8", NOW.plusSeconds(2000))),
                NOW.plusSeconds(86_400));
        assertThat(decision.outcome()).isEqualTo(Outcome.REASSIGN);
        assertThat(decision.technicianId()).isEqualTo("T8");
    }

    @Test
    void aMissingPartNobodyCanBringInTimePausesWithTheEarliestCommitment() {
        var decision = ExceptionRules.missingPart(List.of("P-1"), DEADLINE,
                List.of(new Pickup("D1", "North depot", DEADLINE.plusSeconds(600))), List.of(),
                NOW.plusSeconds(86_400));
        assertThat(decision.outcome()).isEqualTo(Outcome.PAUSE);
        assertThat(decision.newEta()).isEqualTo(DEADLINE.plusSeconds(600));
        assertThat(decision.reason()).contains("no other truck has them", "pickup at D1");

        var restock = ExceptionRules.missingPart(List.of("P-1"), DEADLINE, List.of(), List.of(),
                NOW.plusSeconds(86_400));
        assertThat(restock.outcome()).isEqualTo(Outcome.PAUSE);
        assertThat(restock.newEta()).isEqualTo(NOW.plusSeconds(86_400));
        assertThat(restock.reason()).contains("no depot has them", "by restock");
    }

    @Test
    void aPriorityConflictIsDecidedByPriorityThenPenaltyThenSlack() {
        Claim holder = new Claim("J1", Priority.HIGH, new BigDecimal("500"), NOW.plusSeconds(3600));
        Claim critical = new Claim("J2", Priority.CRITICAL, BigDecimal.ZERO, NOW.plusSeconds(7200));
        assertThat(ExceptionRules.priorityConflict(holder, critical, NOW).winner()).isEqualTo(critical);

        Claim samePriorityMorePenalty = new Claim("J3", Priority.HIGH, new BigDecimal("900"), NOW.plusSeconds(9000));
        var byPenalty = ExceptionRules.priorityConflict(holder, samePriorityMorePenalty, NOW);
        assertThat(byPenalty.winner()).isEqualTo(samePriorityMorePenalty);
        assertThat(byPenalty.bumped()).isEqualTo(holder);
        assertThat(byPenalty.reason()).contains("penalty 900");

        Claim lessSlack = new Claim("J4", Priority.HIGH, new BigDecimal("500"), NOW.plusSeconds(1800));
        assertThat(ExceptionRules.priorityConflict(holder, lessSlack, NOW).winner()).isEqualTo(lessSlack);

        Claim tie = new Claim("J5", Priority.HIGH, new BigDecimal("500"), NOW.plusSeconds(3600));
        assertThat(ExceptionRules.priorityConflict(holder, tie, NOW).winner()).isEqualTo(holder);
    }

    private static RankedOption option(String technician, int rank, Instant eta) {
        return new RankedOption(technician, rank, 1.0 / rank, eta, 0.1, 20, true, List.of());
    }
}
