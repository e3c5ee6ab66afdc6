package io.dispatchgateway.core.live;

import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.core.rank.RankingSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The missing-part rule on today's facts: the depots the technician may use that have every missing part (on
 * site by way of the depot, counting the time at its counter), and the technicians of a fresh ranking whose trucks
 * carry them all; {@link ExceptionRules#missingPart} then decides. The facts go with the decision as its source.
 */
public final class MissingPartPlan {

    private MissingPartPlan() {}

    /** What the rule decided, and the data it decided on. */
    public record Planned(Decision decision, String source) {}

    /** The job the parts are missing for, and who is on it. */
    public record Situation(List<String> parts, Technician current, String tenant, GeoPoint site, Instant deadline,
            Instant now, Instant restock) {}

    /**
     * @param options the job's eligible technicians now, best first (a fresh ranking)
     * @param technicians the roster by id
     */
    public static Planned plan(Situation job, List<Depot> depots, List<RankedOption> options,
            Function<String, Optional<Technician>> technicians, TravelTimeMatrix travel) {
        Technician current = job.current();
        List<ExceptionRules.Pickup> pickups = new ArrayList<>();
        StringBuilder source = new StringBuilder("parts " + job.parts() + "; technician " + current.id() + " at "
                + current.currentPosition() + "; deadline " + job.deadline() + "; depots:");
        for (Depot depot : depots) {
            if (depot.usableBy(current) && depot.serves(job.tenant()) && job.parts().stream().allMatch(depot::stocks)) {
                double toDepot = minutes(travel, current.currentPosition(), depot.location(), job.now());
                Instant leave = job.now().plus(Duration.ofSeconds((long) (toDepot * 60)))
                        .plus(RankingSettings.DEPOT_HANDLING);
                double onward = minutes(travel, depot.location(), job.site(), leave);
                Instant eta = leave.plus(Duration.ofSeconds((long) (onward * 60)));
                pickups.add(new ExceptionRules.Pickup(depot.id(), depot.name(), eta));
                source.append(" ").append(depot.id()).append(" on site ").append(eta);
            }
        }
        List<ExceptionRules.Holder> holders = new ArrayList<>();
        source.append("; trucks:");
        for (RankedOption option : options) {
            if (option.technicianId().equals(current.id())) {
                continue;
            }
            Technician other = technicians.apply(option.technicianId()).orElse(null);
            if (other != null && job.parts().stream().allMatch(other::carries)) {
                holders.add(new ExceptionRules.Holder(other.id(), option.eta()));
                source.append(" ").append(other.id()).append(" on site ").append(option.eta());
            }
        }
        return new Planned(ExceptionRules.missingPart(job.parts(), job.deadline(), pickups, holders, job.restock()),
                source.toString());
    }

    private static double minutes(TravelTimeMatrix travel, GeoPoint from, GeoPoint to, Instant departure) {
        return travel.travelTimes(List.of(from), to, departure).get(0).minutes();
    }
}
