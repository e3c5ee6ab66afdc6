package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.gateway.config.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring links to a technician's dispatch pack. A link names the job and is signed for the job and
 * its technician: after a reassignment the old technician's link no longer opens the pack.
 */
@Component
public class PackLinks {

    /** What a presented token is worth. */
    public enum Check { VALID, TAMPERED, EXPIRED }

    private final ApprovalLinks links;
    private final String publicUrl;
    private final Duration validity;
    private final Clock clock;

    public PackLinks(ApprovalLinks links, GatewayProperties properties, Clock clock) {
        this.links = links;
        this.publicUrl = properties.operations().publicUrl().toString().replaceAll("/+$", "");
        this.validity = properties.operations().packLinkValidity();
        this.clock = clock;
    }

    /** The pack with a fresh link for its technician. */
    public DispatchPack signed(DispatchPack pack) {
        String token = links.token(subject(pack.jobId(), pack.technicianId()), clock.instant().plus(validity));
        return pack.withUrl(publicUrl + "/packs/" + pack.jobId() + "?token=" + token);
    }

    public Check check(String jobId, String technicianId, String token) {
        Optional<Instant> expiry = links.verify(subject(jobId, technicianId), token);
        if (expiry.isEmpty()) {
            return Check.TAMPERED;
        }
        return expiry.get().isAfter(clock.instant()) ? Check.VALID : Check.EXPIRED;
    }

    private static String subject(String jobId, String technicianId) {
        return "pack|" + jobId + "|" + technicianId;
    }
}
