package io.dispatchgateway.gateway.kpi;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.KpiOutbox;
import io.dispatchgateway.mappings.kpi.KpiRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Today's main KPIs (local day in the gateway's zone) as Micrometer gauges on {@code /actuator/prometheus}:
 * {@code gateway_kpi_jobs}, {@code gateway_kpi_assigned}, {@code gateway_kpi_auto_assignment_share},
 * {@code gateway_kpi_approval_share}, {@code gateway_kpi_manager_override_rate},
 * {@code gateway_kpi_assignment_minutes}. They are computed at most once a minute, whatever the scrape rate.
 */
@Component
public class KpiGauges {

    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final KpiFacts facts;
    private final GatewayProperties properties;
    private final Clock clock;
    private KpiRow today;
    private Instant computedAt = Instant.EPOCH;

    public KpiGauges(KpiFacts facts, GatewayProperties properties, Clock clock, MeterRegistry registry,
            KpiOutbox outbox) {
        this.facts = facts;
        Gauge.builder("gateway.kpi.outbox.pending", outbox, o -> o.count(KpiOutbox.Status.PENDING))
                .description("KPI fact rows waiting for the push service").register(registry);
        this.properties = properties;
        this.clock = clock;
        gauge(registry, "gateway.kpi.jobs", r -> (double) r.jobs());
        gauge(registry, "gateway.kpi.assigned", r -> (double) r.assigned());
        gauge(registry, "gateway.kpi.auto.assignment.share", KpiRow::autoAssignmentShare);
        gauge(registry, "gateway.kpi.approval.share", KpiRow::approvalShare);
        gauge(registry, "gateway.kpi.manager.override.rate", KpiRow::managerOverrideRate);
        gauge(registry, "gateway.kpi.assignment.minutes", KpiRow::meanAssignmentMinutes);
        gauge(registry, "gateway.kpi.sla.attainment", KpiRow::slaAttainment);
        gauge(registry, "gateway.kpi.first.time.fix.rate", KpiRow::firstTimeFixRate);
        gauge(registry, "gateway.kpi.exception.age.minutes", KpiRow::meanExceptionAgeMinutes);
        gauge(registry, "gateway.kpi.customer.update.delay.minutes", KpiRow::meanCustomerUpdateDelayMinutes);
    }

    private void gauge(MeterRegistry registry, String name, Function<KpiRow, Double> value) {
        Gauge.builder(name, this, gauges -> {
            Double v = value.apply(gauges.today());
            return v == null ? Double.NaN : v;
        }).description("today's KPI, see README").register(registry);
    }

    synchronized KpiRow today() {
        Instant now = clock.instant();
        if (today == null || computedAt.plus(REFRESH).isBefore(now)) {
            LocalDate day = LocalDate.ofInstant(now, properties.zone());
            today = KpiCalculator.row("day", day.toString(), facts.between(
                    day.atStartOfDay(properties.zone()).toInstant(),
                    day.plusDays(1).atStartOfDay(properties.zone()).toInstant()));
            computedAt = now;
        }
        return today;
    }
}
