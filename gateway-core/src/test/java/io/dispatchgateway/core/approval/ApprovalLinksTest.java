package io.dispatchgateway.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApprovalLinksTest {

    private static final Instant EXPIRY = Instant.parse("2026-11-24T16:00:00Z");
    private final ApprovalLinks links = new ApprovalLinks("a-test-secret-that-is-long-enough-1234");

    @Test
    void genuineTokenVerifiesWithItsExpiry() {
        assertThat(links.verify("A-1", links.token("A-1", EXPIRY))).contains(EXPIRY);
    }

    @Test
    void tamperedOrMovedTokensAreRefused() {
        String token = links.token("A-1", EXPIRY);
        String longer = (EXPIRY.getEpochSecond() + 86_400) + token.substring(token.indexOf('.'));

        assertThat(links.verify("A-2", token)).isEmpty();
        assertThat(links.verify("A-1", longer)).isEmpty();
        assertThat(links.verify("A-1", "garbage")).isEmpty();
        assertThat(links.verify("A-1", null)).isEmpty();
        assertThat(new ApprovalLinks("another-secret-that-is-long-enough-12345").verify("A-1", token)).isEmpty();
    }

    @Test
    void shortSecretIsRefused() {
        assertThatThrownBy(() -> new ApprovalLinks("short")).hasMessageContaining("32 characters");
    }
}
