package io.dispatchgateway.core.model;

import java.util.List;

/** A technician who failed at least one hard constraint, with every reason. */
public record ExcludedTechnician(String technicianId, List<ExclusionReason> reasons) {

    public ExcludedTechnician {
        reasons = List.copyOf(reasons);
    }
}
