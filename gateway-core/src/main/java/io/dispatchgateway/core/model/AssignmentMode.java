package io.dispatchgateway.core.model;

/** How an assignment came about. */
public enum AssignmentMode {
    /** The approval policy let the best option through without a human. */
    AUTOMATIC,
    /** A dispatcher approved the recommended technician. */
    APPROVED,
    /** A dispatcher approved a technician other than the recommended one. */
    OVERRIDDEN,
    /** A dispatcher moved an assigned job to another technician. */
    REASSIGNED,
    /**
     * The source system's own dispatcher assigned it (the office's work): held in that technician's plan, nothing
     * written back, reassigned only by a person.
     */
    IMPORTED
}
