package io.dispatchgateway.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuditActionTest {

    @Test
    void theStoredNamesAreTheOnesEarlierVersionsWrote() {
        assertThat(AuditAction.AUTO_ASSIGN_CLEARED.wire()).isEqualTo("auto-assign-cleared");
        assertThat(AuditAction.ESCALATION_NO_ELIGIBLE_TECHNICIAN.wire()).isEqualTo("escalation-no-eligible-technician");
        assertThat(AuditAction.field(FieldEventType.EN_ROUTE).wire()).isEqualTo("field-en-route");
        assertThat(AuditAction.saved("customer").wire()).isEqualTo("customer-saved");
        assertThat(AuditAction.route("suspend").wire()).isEqualTo("route-suspend");
        assertThat(AuditAction.route("whatever")).isEqualTo(AuditAction.ROUTE_OTHER);
        // Every field event has its line.
        Arrays.stream(FieldEventType.values()).forEach(type -> assertThat(AuditAction.field(type)).isNotNull());
    }

    @Test
    void aStoredLineReadsBackAsItsAction() {
        AuditEntry line = new AuditEntry(java.time.Instant.EPOCH, "rule:x", "written-back", null);
        assertThat(line.is(AuditAction.WRITTEN_BACK)).isTrue();
        assertThat(line.is(AuditAction.WRITE_BACK_DELAYED)).isFalse();
        assertThat(AuditAction.ofWire("written-back")).hasValue(AuditAction.WRITTEN_BACK);
        assertThat(AuditAction.ofWire("made-up")).isEmpty();
    }
}
