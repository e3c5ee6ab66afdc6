package io.dispatchgateway.core.port;

/**
 * Thrown by an outbound adapter when the other system refused a write for good (a validation error, not an
 * outage): retrying cannot help, so the gateway records the refusal in the job's audit instead.
 */
public class WriteBackRejectedException extends RuntimeException {

    public WriteBackRejectedException(String message) {
        super(message);
    }

    public WriteBackRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
