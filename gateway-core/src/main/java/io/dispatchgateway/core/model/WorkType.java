package io.dispatchgateway.core.model;

import java.time.Duration;
import java.util.List;

/**
 * The kind of work as the source system books it (ServiceTitan's job type): its name, the skills it needs (skill
 * ids as the technicians have them), its usual length and its priority. The classifier takes these over the rule
 * table's when a job has one.
 */
public record WorkType(String name, List<String> skills, Duration duration, Priority priority) {

    public WorkType {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
