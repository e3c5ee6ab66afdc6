package io.dispatchgateway.adapters.servicetitan;

/** ServiceTitan did not answer usefully after every retry, or the circuit breaker is open. Try again later. */
public class ServiceTitanUnavailableException extends RuntimeException {

    public ServiceTitanUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
