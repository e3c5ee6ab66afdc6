package io.dispatchgateway.core.live;

import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The deterministic rules of the exception families. Each returns a decision (reassign, escalate, pause, pick up
 * a part) with the reason in dispatcher's words; the caller records it with its source data.
 */
public final class ExceptionRules {

    /** The exception families. */
    public enum Family { SLA_RISK, MISSED_ARRIVAL, MISSING_PART, PRIORITY_CONFLICT }

    /** What a rule decided. */
    public enum Outcome { REASSIGN, ESCALATE, PAUSE, PICKUP }

    /**
     * @param technicianId the technician to reassign to (REASSIGN) or proposed to a person (ESCALATE)
     * @param depotId where to pick the part up (PICKUP)
     * @param newEta the new arrival commitment, when the decision changes it
     */
    public record Decision(Family family, Outcome outcome, String technicianId, String depotId, Instant newEta,
            String reason) {}

    /** A depot that has every missing part; {@code eta} is the arrival on site by way of the depot. */
    public record Pickup(String depotId, String depotName, Instant eta) {}

    /** A technician with every missing part on the truck, and when they could be on site. */
    public record Holder(String technicianId, Instant eta) {}

    /** A job's claim on a technician in a priority conflict. */
    public record Claim(String jobId, Priority priority, BigDecimal penaltyPerBreach, Instant slaDeadline) {}

    /** The conflict's outcome: who keeps the technician, who is bumped, and why. */
    public record Conflict(Claim winner, Claim bumped, String reason) {}

    private ExceptionRules() {}

    /**
     * SLA risk and missed arrival: among the other technicians of a fresh ranking (in rank order), the first who
     * arrives by the deadline recovers the SLA. Missed arrival reassigns to them; an SLA risk proposes them to a
     * person. With nobody able to recover it, the job is escalated (proposing the best other option, if any).
     */
    public static Decision recover(Family family, String currentTechnicianId, Instant deadline,
            List<RankedOption> options, boolean reassign) {
        List<RankedOption> others = options.stream().filter(o -> !o.technicianId().equals(currentTechnicianId))
                .toList();
        Optional<RankedOption> recovers = others.stream().filter(o -> !o.eta().isAfter(deadline)).findFirst();
        if (recovers.isPresent()) {
            RankedOption option = recovers.get();
            String why = option.technicianId() + " can be on site at " + option.eta() + ", before the deadline "
                    + deadline;
            return reassign ? new Decision(family, Outcome.REASSIGN, option.technicianId(), null, option.eta(),
                    "reassign: " + why)
                    : new Decision(family, Outcome.ESCALATE, option.technicianId(), null, option.eta(),
                            "escalate, proposing a reassignment: " + why);
        }
        RankedOption best = others.isEmpty() ? null : others.get(0);
        return new Decision(family, Outcome.ESCALATE, best == null ? null : best.technicianId(), null,
                best == null ? null : best.eta(), "escalate: no other technician can arrive before the deadline "
                        + deadline + (best == null ? "" : "; the earliest-ranked alternative is " + best.technicianId()
                                + " at " + best.eta()));
    }

    /**
     * Missing part, in this order: a pickup at a depot that still gets the technician there by the deadline;
     * else a technician who has the parts on the truck and arrives by the deadline; else pause, committing to
     * the earliest of the late pickup, the late holder and the restock date.
     */
    public static Decision missingPart(List<String> parts, Instant deadline, List<Pickup> pickups,
            List<Holder> holders, Instant restock) {
        Optional<Pickup> pickup = pickups.stream().min(Comparator.comparing(Pickup::eta));
        Optional<Holder> holder = holders.stream().min(Comparator.comparing(Holder::eta)
                .thenComparing(Holder::technicianId));
        if (pickup.isPresent() && !pickup.get().eta().isAfter(deadline)) {
            Pickup p = pickup.get();
            return new Decision(Family.MISSING_PART, Outcome.PICKUP, null, p.depotId(), p.eta(), "pick up "
                    + String.join(", ", parts) + " at " + p.depotName() + " (" + p.depotId() + "); on site at "
                    + p.eta() + ", before the deadline " + deadline);
        }
        if (holder.isPresent() && !holder.get().eta().isAfter(deadline)) {
            Holder h = holder.get();
            return new Decision(Family.MISSING_PART, Outcome.REASSIGN, h.technicianId(), null, h.eta(),
                    "reassign to " + h.technicianId() + ", who has " + String.join(", ", parts)
                            + " on the truck and can be on site at " + h.eta() + ", before the deadline " + deadline);
        }
        Instant commitment = restock;
        String how = "restock";
        if (pickup.isPresent() && pickup.get().eta().isBefore(commitment)) {
            commitment = pickup.get().eta();
            how = "a pickup at " + pickup.get().depotId();
        }
        if (holder.isPresent() && holder.get().eta().isBefore(commitment)) {
            commitment = holder.get().eta();
            how = "a handover to " + holder.get().technicianId();
        }
        return new Decision(Family.MISSING_PART, Outcome.PAUSE, null,
                how.startsWith("a pickup") ? pickup.get().depotId() : null, commitment,
                "pause: " + String.join(", ", parts) + " cannot reach the site before the deadline " + deadline
                        + (pickup.isEmpty() ? "; no depot has them" : "")
                        + (holder.isEmpty() ? "; no other truck has them" : "")
                        + "; new commitment " + commitment + " by " + how);
    }

    /**
     * Two jobs want one technician: the more urgent priority wins; at equal priority the higher penalty per
     * breach; then the one with less slack to its deadline; a full tie leaves the technician where committed.
     */
    public static Conflict priorityConflict(Claim holder, Claim challenger, Instant now) {
        if (challenger.priority() != holder.priority()) {
            return challenger.priority().isMoreUrgentThan(holder.priority())
                    ? new Conflict(challenger, holder, "priority " + challenger.priority() + " over "
                            + holder.priority())
                    : new Conflict(holder, challenger, "priority " + holder.priority() + " over "
                            + challenger.priority());
        }
        int penalty = penalty(challenger).compareTo(penalty(holder));
        if (penalty != 0) {
            return penalty > 0 ? new Conflict(challenger, holder, "same priority; penalty " + penalty(challenger)
                    + " per breach over " + penalty(holder))
                    : new Conflict(holder, challenger, "same priority; penalty " + penalty(holder) + " per breach over "
                            + penalty(challenger));
        }
        Duration holderSlack = Duration.between(now, holder.slaDeadline());
        Duration challengerSlack = Duration.between(now, challenger.slaDeadline());
        if (challengerSlack.compareTo(holderSlack) < 0) {
            return new Conflict(challenger, holder, "same priority and penalty; " + minutes(challengerSlack)
                    + " min of slack against " + minutes(holderSlack));
        }
        return new Conflict(holder, challenger, "same priority and penalty; the committed job has no more slack ("
                + minutes(holderSlack) + " min against " + minutes(challengerSlack) + "), so it keeps the technician");
    }

    private static BigDecimal penalty(Claim claim) {
        return claim.penaltyPerBreach() == null ? BigDecimal.ZERO : claim.penaltyPerBreach();
    }

    private static long minutes(Duration duration) {
        return duration.toMinutes();
    }
}
