package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.PenaltyTerms;
import java.util.List;

/** The objectives the gateway ships with, each with its documented raw unit and 0..1 scale (1 best). */
public final class Objectives {

    private Objectives() {
    }

    public static List<Objective> all() {
        return List.of(new SlaRisk(), new TravelTime(), new SkillFit(), new Penalty(), new CustomerPriority(),
                new Workload(), new PreferredTechnician(), new FirstTimeFix(), new Overtime(), new KnockOn());
    }

    static double clamp(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }

    /** Raw: probability of arriving after the SLA deadline. Normalized: {@code 1 − p}. */
    public record SlaRisk() implements Objective {
        @Override
        public String name() {
            return "sla-risk";
        }

        @Override
        public double raw(Candidate c) {
            return c.breachProbability();
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            return clamp(1.0 - raw);
        }
    }

    /**
     * Raw: the driving the job adds to the technician's plan, pickups included: to the site from the previous
     * stop and on to the next one, less the leg it replaces (for a plan with nothing after it, the drive to the
     * site). Normalized: {@code 1 − minutes / max-travel-minutes}.
     */
    public record TravelTime() implements Objective {
        @Override
        public String name() {
            return "travel-time";
        }

        @Override
        public double raw(Candidate c) {
            return Math.max(0, c.addedDrivingMinutes());
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            return clamp(1.0 - raw / c.settings().maxTravelMinutes());
        }
    }

    /**
     * Raw: level (1..5) in the required skill. Normalized, most-qualified preference: {@code level / 5};
     * least-qualified preference (keep experts free): {@code 1 − (level − minimum) / (5 − minimum)}.
     */
    public record SkillFit() implements Objective {
        @Override
        public String name() {
            return "skill-fit";
        }

        @Override
        public double raw(Candidate c) {
            String skill = c.input().classification().requiredSkill();
            return skill == null ? 0 : c.technician().skillLevel(skill);
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            if (policy.skillPreference() == RankingPolicy.SkillPreference.LEAST_QUALIFIED) {
                int minimum = c.input().classification().minimumSkillLevel();
                return minimum >= 5 ? 1.0 : clamp(1.0 - (raw - minimum) / (5.0 - minimum));
            }
            return clamp(raw / 5.0);
        }
    }

    /**
     * Raw: expected penalty cost, {@code p(breach) × (per-breach + per-hour-late × hours late at the ETA)}.
     * Normalized: {@code 1 − cost / penalty-scale}.
     */
    public record Penalty() implements Objective {
        @Override
        public String name() {
            return "penalty";
        }

        @Override
        public double raw(Candidate c) {
            return expectedCost(c);
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            return clamp(1.0 - raw / c.settings().penaltyScale());
        }

        /** The expected penalty of sending this candidate. */
        public static double expectedCost(Candidate c) {
            PenaltyTerms terms = c.input().customer().entitlement().penalty();
            double hoursLate = Math.max(0, c.arrival() - c.input().classification().slaDeadline().getEpochSecond())
                    / 3600.0;
            double perHour = terms.perHourLate() == null ? 0 : terms.perHourLate().doubleValue();
            return c.breachProbability() * (terms.perBreachOrZero().doubleValue() + perHour * hoursLate);
        }
    }

    /**
     * Raw: the customer's tier factor (PLATINUM 1.0, GOLD 0.75, SILVER 0.5, STANDARD 0.25). Normalized:
     * {@code 1 − factor × min(1, minutes until arrival / max-travel-minutes)}: the more important the customer,
     * the more a quick arrival counts.
     */
    public record CustomerPriority() implements Objective {
        @Override
        public String name() {
            return "customer-priority";
        }

        @Override
        public double raw(Candidate c) {
            return tierFactor(c.input().customer().tier());
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            double minutesToArrival = Math.max(0, c.arrival() - c.input().at().getEpochSecond()) / 60.0;
            return clamp(1.0 - raw * Math.min(1.0, minutesToArrival / c.settings().maxTravelMinutes()));
        }

        static double tierFactor(CustomerTier tier) {
            return switch (tier) {
                case PLATINUM -> 1.0;
                case GOLD -> 0.75;
                case SILVER -> 0.5;
                case STANDARD -> 0.25;
            };
        }
    }

    /**
     * Raw: jobs already planned on the shift day the job would fall on. Normalized:
     * {@code 1 − jobs / daily-capacity}.
     */
    public record Workload() implements Objective {
        @Override
        public String name() {
            return "workload";
        }

        @Override
        public double raw(Candidate c) {
            return c.jobsThatDay();
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            return clamp(1.0 - raw / c.settings().dailyCapacity());
        }
    }

    /** Raw: 1 when the customer prefers this technician, else 0. Normalized: the same. */
    public record PreferredTechnician() implements Objective {
        @Override
        public String name() {
            return "preferred-technician";
        }

        @Override
        public double raw(Candidate c) {
            return c.input().customer().entitlement().preferredTechnicianIds().contains(c.technician().id()) ? 1 : 0;
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            return raw;
        }
    }

    /**
     * Raw: first-time-fix likelihood, the mean of the share of required parts already on the truck (1 when
     * none are required) and the technician's smoothed record in the category, {@code (fixes + 1) /
     * (jobs + 2)} (0.5 with no history). Normalized: the same.
     */
    public record FirstTimeFix() implements Objective {
        @Override
        public String name() {
            return "first-time-fix";
        }

        @Override
        public double raw(Candidate c) {
            int required = c.input().job().requiredParts().size();
            double partsShare = required == 0 ? 1.0 : (required - c.pickups().size()) / (double) required;
            double record = (c.state().categoryFirstTimeFixes() + 1.0) / (c.state().categoryJobs() + 2.0);
            return 0.5 * partsShare + 0.5 * record;
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            return clamp(raw);
        }
    }

    /**
     * Raw: minutes the day the job falls on (the drive home included) runs past the shift end. Normalized:
     * {@code 1 − minutes / overtime-allowance}.
     */
    public record Overtime() implements Objective {
        @Override
        public String name() {
            return "overtime";
        }

        @Override
        public double raw(Candidate c) {
            return c.overtimeMinutes();
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            double allowance = c.settings().overtimeAllowance().toMinutes();
            if (allowance <= 0) {
                return raw > 0 ? 0 : 1;
            }
            return clamp(1.0 - raw / allowance);
        }
    }

    /**
     * Raw: how much the insertion raises the breach probability of the jobs it delays, summed over them.
     * Normalized: {@code 1 − raw} (0 once the delays add up to one certain breach).
     */
    public record KnockOn() implements Objective {
        @Override
        public String name() {
            return "knock-on";
        }

        @Override
        public double raw(Candidate c) {
            return c.knockOnRisk();
        }

        @Override
        public double normalize(double raw, Candidate c, RankingPolicy policy) {
            return clamp(1.0 - raw);
        }
    }
}
