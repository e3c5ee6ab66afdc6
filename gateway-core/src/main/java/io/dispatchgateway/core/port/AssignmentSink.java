package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;

/**
 * Where an assignment is written back so dispatchers and technicians see it (a field-service system).
 * Implementations must be idempotent per job and technician: the gateway retries on failure. A sink ignores
 * jobs from sources it does not own, and throws {@link WriteBackRejectedException} for a permanent refusal.
 */
public interface AssignmentSink {

    void assigned(Job job, Assignment assignment, DispatchPack pack);
}
