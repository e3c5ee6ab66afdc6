package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.gateway.settings.GatewayProperties;
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

    /**
     * The pack with a fresh link for its technician and this assignment ({@code assignedAt}): a link of an earlier
     * assignment does not come back to life when the job returns to the same technician.
     */
    public DispatchPack signed(DispatchPack pack, Instant assignedAt) {
        String token = links.token(subject(pack.jobId(), pack.technicianId(), assignedAt),
                clock.instant().plus(validity));
        return pack.withUrl(publicUrl + "/packs/" + pack.jobId() + "?token=" + token);
    }

    public Check check(String jobId, String technicianId, Instant assignedAt, String token) {
        Optional<Instant> expiry = links.verify(subject(jobId, technicianId, assignedAt), token);
        if (expiry.isEmpty()) {
            return Check.TAMPERED;
        }
        return expiry.get().isAfter(clock.instant()) ? Check.VALID : Check.EXPIRED;
    }

    /** What a pack link signs: the job, its technician and when they were assigned it. */
    public static String subject(String jobId, String technicianId, Instant assignedAt) {
        return "pack|" + jobId + "|" + technicianId + "|" + assignedAt.getEpochSecond();
    }
}
