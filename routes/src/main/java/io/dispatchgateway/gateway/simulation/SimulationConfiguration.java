package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.ApprovalDesk;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.dispatch.PlanOptimizations;
import io.dispatchgateway.gateway.flow.ApprovalTimeouts;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.kpi.KpiFacts;
import io.dispatchgateway.gateway.live.LiveOperations;
import io.dispatchgateway.gateway.live.SlaMonitor;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The simulation's clock, technicians, dispatchers and timers; only in the {@code simulation} profile. */
@Configuration(proxyBeanMethods = false)
@Profile("simulation")
class SimulationConfiguration {

    @Bean
    SimulatedClock clock(@Value("${gateway.simulation.start}") Instant start) {
        return new SimulatedClock(start);
    }

    @Bean
    SimulatedField simulatedField(LiveOperations live, PlanBook plans, TechnicianDirectory technicians,
            JobStore jobs, ObjectMapper json, GatewayProperties properties) {
        return new SimulatedField(live, plans, technicians, jobs, json, properties.zone());
    }

    @Bean
    SimulatedOffice simulatedOffice(JobStore jobs, ApprovalDesk desk, PlanOptimizations optimizations,
            ProposalStore proposals, PlanBook plans) {
        return new SimulatedOffice(jobs, desk, optimizations, proposals, plans);
    }

    @Bean
    Replay replay(JobStore jobs, LiveOperations live, ApprovalDesk desk, TechnicianDirectory technicians,
            ObjectMapper json, io.dispatchgateway.gateway.persistence.AuditLog audit) {
        return new Replay(jobs, live, desk, technicians, json, audit);
    }

    @Bean
    GatewayTimers gatewayTimers(SlaMonitor slaMonitor, ApprovalTimeouts approvalTimeouts,
            PlanOptimizations optimizations, GatewayProperties properties) {
        return new GatewayTimers(slaMonitor, approvalTimeouts, optimizations, properties);
    }

    @Bean
    Simulator simulator(IntakeGate intake, JobStore jobs, SimulatedField field, SimulatedOffice office,
            GatewayTimers timers, KpiFacts facts, CamelContext camel, TechnicianDirectory technicians) {
        return new Simulator(intake, jobs, field, office, timers, facts, camel, technicians);
    }
}
