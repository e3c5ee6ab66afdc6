package io.dispatchgateway.gateway.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dispatchgateway.mappings.kpi.JobFact;
import io.dispatchgateway.mappings.kpi.KpiRow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The field KPIs on a hand-computed history of four jobs:
 * <ul>
 *   <li>J1 assigned automatically, on site in time, fixed first time, 20 min on the road;</li>
 *   <li>J2 assigned automatically, an SLA-risk exception open 30 min, reassigned 12 min after it, still in time
 *       (recovered), not fixed first time, 40 min on the road, one customer update sent after 6 min;</li>
 *   <li>J3 approved with another technician (override), a missed arrival open 90 min, SLA breached (not
 *       recovered), fixed first time, two updates sent after 8 and 12 min (mean 10);</li>
 *   <li>J4 escalated for 20 min and rejected.</li>
 * </ul>
 * So: SLA attainment 2/3, first-time fix 2/3, travel (20 + 40) / 2 = 30, exception aging (30 + 90 + 20) / 3,
 * SLA recovery 1/2, reassignment time 12, customer-update delay (6 + 10) / 2 = 8, override rate 1/3.
 */
class KpiCalculatorTest {

    private static final Instant T = Instant.parse("2026-11-23T16:00:00Z");

    @Test
    void fieldKpisMatchTheHandCalculation() {
        List<JobFact> history = List.of(
                fact("J1", true, true, false, 0, 0.0, true, 20.0, true, 0, null, null, null),
                fact("J2", true, true, false, 1, 30.0, true, 40.0, false, 1, true, 12.0, 6.0),
                fact("J3", true, false, true, 1, 90.0, false, null, true, 2, false, null, 10.0),
                fact("J4", false, false, false, 1, 20.0, null, null, null, 0, null, null, null));

        KpiRow row = new KpiCalculator(ZoneOffset.UTC).rows(history, KpiCalculator.GroupBy.TENANT).get(0);

        assertThat(row.jobs()).isEqualTo(4);
        assertThat(row.assigned()).isEqualTo(3);
        assertThat(row.autoAssignmentShare()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(row.managerOverrideRate()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(row.exceptionsOpened()).isEqualTo(3);
        assertThat(row.slaAttainment()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(row.firstTimeFixRate()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(row.meanActualTravelMinutes()).isCloseTo(30.0, within(1e-9));
        assertThat(row.meanExceptionAgeMinutes()).isCloseTo(140 / 3.0, within(1e-9));
        assertThat(row.slaRecoveryRate()).isCloseTo(0.5, within(1e-9));
        assertThat(row.meanReassignmentMinutes()).isCloseTo(12.0, within(1e-9));
        assertThat(row.meanCustomerUpdateDelayMinutes()).isCloseTo(8.0, within(1e-9));
    }

    @Test
    void ratesWithoutADenominatorAreEmpty() {
        KpiRow row = new KpiCalculator(ZoneOffset.UTC).rows(List.of(
                fact("J9", false, false, false, 0, 0.0, null, null, null, 0, null, null, null)),
                KpiCalculator.GroupBy.DAY).get(0);
        assertThat(row.slaAttainment()).isNull();
        assertThat(row.meanExceptionAgeMinutes()).isNull();
        assertThat(row.slaRecoveryRate()).isNull();
        assertThat(row.meanCustomerUpdateDelayMinutes()).isNull();
    }

    private static JobFact fact(String id, boolean assigned, boolean automatic, boolean override, int exceptions,
            double exceptionMinutes, Boolean slaMet, Double travel, Boolean firstTimeFix, int updates,
            Boolean recovered, Double reassignmentMinutes, Double updateDelay) {
        return new JobFact(id, "acme", "north", "HVAC_HEATING", "HIGH", assigned ? "COMPLETED" : "REJECTED", T,
                T, T, null, null, null, assigned ? T.plusSeconds(60) : null, automatic, assigned ? "AUTOMATIC" : null,
                assigned ? "T-1" : null, T.plusSeconds(14_400), 15.0, assigned ? 1.0 : null, override ? 1 : 0,
                override, override ? 1 : 0, exceptions, null, null, null, slaMet, travel, firstTimeFix, updates,
                exceptions, exceptions == 0 ? null : exceptionMinutes, recovered, reassignmentMinutes, updateDelay);
    }
}
