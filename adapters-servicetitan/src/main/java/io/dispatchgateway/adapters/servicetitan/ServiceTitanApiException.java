package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.adapters.servicetitan.dto.StApiError;

/** ServiceTitan refused a request (4xx other than 401 and 429); retrying the same request cannot help. */
public class ServiceTitanApiException extends RuntimeException {

    private final int status;
    private final transient StApiError error;

    public ServiceTitanApiException(String operation, int status, StApiError error) {
        super(operation + " refused by ServiceTitan with " + status + ": "
                + (error == null ? "no error body" : error.title() + (error.errors() == null || error.errors().isEmpty()
                        ? "" : " " + error.errors()) + " (traceId " + error.traceId() + ")"));
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public StApiError error() {
        return error;
    }
}
