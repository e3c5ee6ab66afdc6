package io.dispatchgateway.gateway.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.AuditEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingTest {

    private static final Instant AT = Instant.parse("2026-11-23T16:00:00Z");

    @Test
    void aRecordingKeepsTheSettingsThatDecideAndLeavesSecretsOut() {
        assertThat(RecordedSettings.secret("gateway.approval.link-secret")).isTrue();
        assertThat(RecordedSettings.secret("gateway.operations.pack-link.key")).isTrue();
        assertThat(RecordedSettings.secret("gateway.ranking.maps.api-key")).isTrue();
        assertThat(RecordedSettings.secret("gateway.approval.teams.client-credentials")).isTrue();
        assertThat(RecordedSettings.secret("gateway.approval.linkSecret")).isTrue();
        assertThat(RecordedSettings.secret("gateway.operations.pack_link.signing_key")).isTrue();
        assertThat(RecordedSettings.secret("gateway.classification.rules[0].keywords[2]")).isFalse();
        assertThat(RecordedSettings.secret("gateway.ranking.policies.balanced.weights.travel-time")).isFalse();
    }

    @Test
    void theTechniciansAJobWasGivenToAreReadFromItsTrailInOrder() {
        List<AuditEntry> trail = List.of(
                new AuditEntry(AT, "gateway", AuditAction.RANKED.wire(), "T-004 first of 12"),
                new AuditEntry(AT, "gateway", AuditAction.ASSIGNED.wire(),
                        "T-004 (AUTOMATIC), fallback T-009; 1st of 2 in the plan, arriving 2026-11-23T17:00:00Z"),
                new AuditEntry(AT, "rule:missed-arrival", AuditAction.REASSIGNED.wire(),
                        "from T-004 to T-017; reason: missed the arrival; 2 of 3 in the plan"),
                new AuditEntry(AT, "dispatcher", AuditAction.REASSIGNED.wire(), "from T-017 to T-002 (excluded)"));

        assertThat(RecordingExport.technicians(trail)).containsExactly("T-004", "T-017", "T-002");
    }
}
