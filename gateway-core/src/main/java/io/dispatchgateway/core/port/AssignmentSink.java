package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.Assignment;

/**
 * Where an assignment is written back so dispatchers and technicians see it (a field-service system).
 * Implementations must be idempotent per job and technician: the gateway retries on failure.
 */
public interface AssignmentSink {

    void assigned(Assignment assignment);
}
