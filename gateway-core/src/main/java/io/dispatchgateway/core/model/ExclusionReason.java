package io.dispatchgateway.core.model;

/** Why a hard constraint excluded a technician: the rule's name and a sentence a dispatcher can read. */
public record ExclusionReason(String rule, String detail) {

    /** Reasons as a dispatcher reads them: "skill (lacks skill gas), shift (...)". */
    public static String describe(java.util.List<ExclusionReason> reasons) {
        return reasons.stream().map(r -> r.rule() + " (" + r.detail() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
