package io.dispatchgateway.gateway.dispatch;

/** A decision only a manager may take was attempted by someone else. */
public class ManagerRequiredException extends RuntimeException {

    public ManagerRequiredException(String message) {
        super(message);
    }
}
