package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Technician;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** The hard constraints the gateway ships with, in the order their reasons are listed. */
public final class HardConstraints {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    private HardConstraints() {
    }

    /** Joins the reasons one rule found with "; ". */
    private static String join(String first, String next) {
        return first == null ? next : first + "; " + next;
    }

    public static List<HardConstraint> all() {
        return List.of(new TenantMatch(), new Availability(), new Skills(), new CertificationValid(),
                new ShiftFit(), new Parts(),
                new Territory(), new CustomerExclusion(), new RequiredTechnician(), new MaxTravel(),
                new DailyCapacity(), new ArrivalWindowKept(), new KnockOnKept());
    }

    /** A moment as a dispatcher reads it: local day and time ({@code Tue 14:20}). */
    static String local(java.time.Instant at, RankingSettings settings) {
        return at == null ? "never" : LocalDateTime.ofInstant(at, settings.zone()).format(DAY_TIME);
    }

    /**
     * A technician works only on the jobs of the tenants they work for. The ranking never sees another tenant's
     * technicians (their names would leak into the explanation); this rule keeps every other path (a person's
     * reassignment, the plan optimizer) to the same line, and no override passes it.
     */
    public record TenantMatch() implements HardConstraint {
        /** The rule's name. */
        public static final String NAME = "tenant";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            return c.technician().worksFor(c.input().job().tenant()) ? Optional.empty()
                    : Optional.of("works for other tenants");
        }
    }

    /** Technicians marked inactive (leave, vehicle off the road) take no work. */
    public record Availability() implements HardConstraint {
        @Override
        public String name() {
            return "availability";
        }

        @Override
        public Optional<String> violation(Candidate c) {
            return c.technician().active() ? Optional.empty() : Optional.of("technician is marked inactive");
        }
    }

    /** The required skill and every additional skill at their minimum levels, and one of the alternatives. */
    public record Skills() implements HardConstraint {
        @Override
        public String name() {
            return "skill";
        }

        @Override
        public Optional<String> violation(Candidate c) {
            Classification job = c.input().classification();
            Technician t = c.technician();
            String missing = check(t, job.requiredSkill(), job.minimumSkillLevel(), null);
            for (Map.Entry<String, Integer> skill : job.additionalSkills().entrySet()) {
                missing = check(t, skill.getKey(), skill.getValue(), missing);
            }
            if (!job.alternativeSkills().isEmpty() && job.alternativeSkills().entrySet().stream()
                    .noneMatch(s -> t.skillLevel(s.getKey()) >= s.getValue())) {
                StringJoiner options = new StringJoiner(", ", "needs one of ", "");
                job.alternativeSkills().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(s -> options.add(s.getKey() + " >= " + s.getValue()));
                missing = join(missing, options.toString());
            }
            return Optional.ofNullable(missing);
        }

        private static String check(Technician t, String skill, int minimum, String missing) {
            if (skill == null) {
                return missing;
            }
            int level = t.skillLevel(skill);
            if (level >= minimum) {
                return missing;
            }
            return join(missing, level == 0 ? "lacks skill " + skill + " (level " + minimum + " required)"
                    : "skill " + skill + " at level " + level + ", level " + minimum + " required");
        }
    }

    /** A certification the job requires must be held and valid on the day the technician arrives. */
    public record CertificationValid() implements HardConstraint {
        @Override
        public String name() {
            return "certification";
        }

        @Override
        public boolean positional() {
            return true;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            String code = c.input().classification().requiredCertification();
            if (code == null || code.isBlank()) {
                return Optional.empty();
            }
            Certification held = null;
            for (Certification certification : c.technician().certifications()) {
                if (certification.code().equalsIgnoreCase(code)) {
                    held = certification;
                    break;
                }
            }
            if (held == null) {
                return Optional.of("does not hold " + code);
            }
            LocalDate jobDate = LocalDate.ofInstant(c.eta() == null ? c.input().at() : c.eta(), c.settings().zone());
            return held.isValidOn(jobDate) ? Optional.empty()
                    : Optional.of(code + " expired " + held.expiresOn());
        }
    }

    /**
     * The job, the drive home after the day's last job included, must fit in a shift (plus the overtime
     * allowance) that starts within the planning horizon; the plan moves it to the next shift day when today's
     * has no room.
     */
    public record ShiftFit() implements HardConstraint {
        @Override
        public String name() {
            return "shift";
        }

        @Override
        public boolean positional() {
            return true;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            if (c.onShift() || c.visit().full()) {
                return Optional.empty();
            }
            return Optional.of(c.visit().unplannedBecause() + " (before "
                    + local(c.input().at().plus(c.settings().horizon()), c) + ", with "
                    + c.settings().overtimeAllowance().toMinutes() + " min overtime allowance and the drive home)");
        }

        private static String local(java.time.Instant at, Candidate c) {
            return HardConstraints.local(at, c.settings());
        }
    }

    /** Every required part is on the truck or at a depot within the allowed pickup detour. */
    public record Parts() implements HardConstraint {
        @Override
        public String name() {
            return "parts";
        }

        @Override
        public boolean positional() {
            return true;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            if (c.pickups().isEmpty()) {
                return Optional.empty();
            }
            long limit = c.settings().maxPickupDetour().toMinutes();
            String problems = null;
            for (io.dispatchgateway.core.plan.PartPickups.Pickup pickup : c.pickups()) {
                if (pickup.depotId() == null) {
                    problems = join(problems, pickup.part() + (pickup.quantity() > 1 ? " x" + pickup.quantity() : "")
                            + " is not on the truck and no depot has it");
                } else if (pickup.detourMinutes() > limit) {
                    problems = join(problems, pickup.part() + " is not on the truck; nearest depot " + pickup.depotId()
                            + " is a " + Math.round(pickup.detourMinutes()) + " min detour (limit " + limit + ")");
                }
            }
            return Optional.ofNullable(problems);
        }
    }

    /**
     * The technician works in the job's territory (the job's, else its customer's), as their own or one they also
     * serve; technicians without a territory float, and {@code cross-territory} lifts the rule.
     */
    public record Territory() implements HardConstraint {
        @Override
        public String name() {
            return "territory";
        }

        @Override
        public Optional<String> violation(Candidate c) {
            if (c.settings().crossTerritory()) {
                return Optional.empty();
            }
            String zone = c.input().job().territory() != null ? c.input().job().territory()
                    : c.input().customer().territory();
            String own = c.technician().territory();
            if (zone == null || zone.isBlank() || own == null || own.isBlank() || c.technician().serves(zone)) {
                return Optional.empty();
            }
            return Optional.of("works in territory " + own + ", the job is in " + zone);
        }
    }

    /** The customer's contract can bar named technicians from its jobs. */
    public record CustomerExclusion() implements HardConstraint {
        @Override
        public String name() {
            return "customer-exclusion";
        }

        @Override
        public Optional<String> violation(Candidate c) {
            return c.input().customer().entitlement().excludedTechnicianIds().contains(c.technician().id())
                    ? Optional.of("excluded by customer " + c.input().customer().id())
                    : Optional.empty();
        }
    }

    /** When the contract names one technician, nobody else may go. */
    public record RequiredTechnician() implements HardConstraint {
        @Override
        public String name() {
            return "required-technician";
        }

        @Override
        public Optional<String> violation(Candidate c) {
            String required = c.input().customer().entitlement().requiredTechnicianId();
            return required == null || required.isBlank() || required.equals(c.technician().id())
                    ? Optional.empty()
                    : Optional.of("customer " + c.input().customer().id() + " requires technician " + required);
        }
    }

    /** Driving to the site, pickups included, must not exceed the maximum travel time. */
    public record MaxTravel() implements HardConstraint {
        @Override
        public String name() {
            return "max-travel";
        }

        @Override
        public boolean positional() {
            return true;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            double limit = c.settings().maxTravelMinutes();
            return c.drivingMinutes() <= limit ? Optional.empty()
                    : Optional.of("travel " + Math.round(c.drivingMinutes()) + " min is over the " + Math.round(limit)
                            + " min maximum");
        }
    }

    /** A technician takes at most {@code daily-capacity} jobs a shift day; the plan uses the next day with room. */
    public record DailyCapacity() implements HardConstraint {
        @Override
        public String name() {
            return "daily-capacity";
        }

        @Override
        public boolean positional() {
            return true;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            int capacity = c.settings().dailyCapacity();
            return c.onShift() || !c.visit().full() ? Optional.empty()
                    : Optional.of("already has " + capacity + " jobs on every shift day within the planning horizon"
                            + " (capacity " + capacity + ", " + c.state().activeJobs() + " jobs in the plan)");
        }
    }

    /** The technician must arrive by the end of the job's appointment window. */
    public record ArrivalWindowKept() implements HardConstraint {
        @Override
        public String name() {
            return "arrival-window";
        }

        @Override
        public boolean positional() {
            return true;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            io.dispatchgateway.core.model.ArrivalWindow window = c.input().job().arrivalWindow();
            if (window == null || !c.onShift() || window.allows(c.eta())) {
                return Optional.empty();
            }
            return Optional.of("would arrive " + local(c.eta(), c.settings()) + ", after the arrival window "
                    + local(window.start(), c.settings()) + "-" + local(window.end(), c.settings()).substring(4));
        }
    }

    /**
     * Inserting the job must not break a later job of the plan: push it past its arrival window, past an SLA
     * deadline it would have met, or out of the planning horizon.
     */
    public record KnockOnKept() implements HardConstraint {
        @Override
        public String name() {
            return "knock-on";
        }

        @Override
        public boolean positional() {
            return true;
        }

        @Override
        public Optional<String> violation(Candidate c) {
            String problems = null;
            for (Candidate.KnockOn knockOn : c.knockOn()) {
                if (knockOn.problem() != null) {
                    problems = join(problems, knockOn.jobId() + " " + knockOn.problem());
                }
            }
            return Optional.ofNullable(problems);
        }
    }
}
