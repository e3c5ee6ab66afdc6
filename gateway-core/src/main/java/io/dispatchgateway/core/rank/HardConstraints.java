package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Technician;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The hard constraints the gateway ships with. */
public final class HardConstraints {

    private HardConstraints() {
    }

    /** The default set, in the order their reasons are listed. */
    public static List<HardConstraint> defaults(ZoneId zone) {
        return List.of(new Active(), new Skill(), new CertificationValid(zone), new CustomerExclusion(),
                new RequiredTechnician());
    }

    /** Technicians marked inactive (leave, vehicle off the road) take no work. */
    public record Active() implements HardConstraint {
        @Override
        public String name() {
            return "availability";
        }

        @Override
        public Optional<String> violation(Technician technician, RankingRequest request) {
            return technician.active() ? Optional.empty() : Optional.of("technician is marked inactive");
        }
    }

    /** The technician must hold the job's required skill at or above the minimum level. */
    public record Skill() implements HardConstraint {
        @Override
        public String name() {
            return "skill";
        }

        @Override
        public Optional<String> violation(Technician technician, RankingRequest request) {
            String skill = request.classification().requiredSkill();
            int minimum = request.classification().minimumSkillLevel();
            int level = technician.skillLevel(skill);
            if (level >= minimum) {
                return Optional.empty();
            }
            return Optional.of(level == 0
                    ? "lacks skill " + skill + " (level " + minimum + " required)"
                    : "skill " + skill + " at level " + level + ", level " + minimum + " required");
        }
    }

    /** A certification the job requires must be held and not expired on the job date. */
    public record CertificationValid(ZoneId zone) implements HardConstraint {
        @Override
        public String name() {
            return "certification";
        }

        @Override
        public Optional<String> violation(Technician technician, RankingRequest request) {
            String code = request.classification().requiredCertification();
            if (code == null || code.isBlank()) {
                return Optional.empty();
            }
            LocalDate jobDate = LocalDate.ofInstant(request.at(), zone);
            Optional<Certification> held = technician.certifications().stream()
                    .filter(c -> c.code().equalsIgnoreCase(code))
                    .findFirst();
            if (held.isEmpty()) {
                return Optional.of("does not hold " + code);
            }
            if (!held.get().isValidOn(jobDate)) {
                return Optional.of(code + " expired " + held.get().expiresOn());
            }
            return Optional.empty();
        }
    }

    /** The customer's contract can bar named technicians from its jobs. */
    public record CustomerExclusion() implements HardConstraint {
        @Override
        public String name() {
            return "customer-exclusion";
        }

        @Override
        public Optional<String> violation(Technician technician, RankingRequest request) {
            return request.customer().entitlement().excludedTechnicianIds().contains(technician.id())
                    ? Optional.of("excluded by customer " + request.customer().id())
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
        public Optional<String> violation(Technician technician, RankingRequest request) {
            String required = request.customer().entitlement().requiredTechnicianId();
            return required == null || required.isBlank() || required.equals(technician.id())
                    ? Optional.empty()
                    : Optional.of("customer " + request.customer().id() + " requires technician " + required);
        }
    }
}
