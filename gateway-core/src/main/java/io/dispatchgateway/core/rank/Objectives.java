package io.dispatchgateway.core.rank;

import java.util.List;

/** The objectives the gateway ships with, with their documented scales. */
public final class Objectives {

    private Objectives() {
    }

    public static List<Objective> defaults(double maxTravelMinutes, int dailyCapacity) {
        return List.of(new TravelTime(maxTravelMinutes), new Workload(dailyCapacity), new SkillFit());
    }

    private static double clamp(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }

    /** Raw: minutes on the road. Normalized: {@code 1 - minutes / maxMinutes}, 0 at or beyond the maximum. */
    public record TravelTime(double maxMinutes) implements Objective {
        @Override
        public String name() {
            return "travel-time";
        }

        @Override
        public double raw(Candidate candidate) {
            return candidate.travel().minutes();
        }

        @Override
        public double normalize(double raw) {
            return clamp(1.0 - raw / maxMinutes);
        }
    }

    /** Raw: active jobs already assigned. Normalized: {@code 1 - jobs / dailyCapacity}, 0 when full. */
    public record Workload(int dailyCapacity) implements Objective {
        @Override
        public String name() {
            return "workload";
        }

        @Override
        public double raw(Candidate candidate) {
            return candidate.activeJobs();
        }

        @Override
        public double normalize(double raw) {
            return clamp(1.0 - raw / dailyCapacity);
        }
    }

    /** Raw: the technician's level (1..5) in the required skill. Normalized: {@code level / 5}. */
    public record SkillFit() implements Objective {
        @Override
        public String name() {
            return "skill-fit";
        }

        @Override
        public double raw(Candidate candidate) {
            return candidate.technician().skillLevel(candidate.request().classification().requiredSkill());
        }

        @Override
        public double normalize(double raw) {
            return clamp(raw / 5.0);
        }
    }
}
