package io.dispatchgateway.adapters.llm;

/**
 * A chat-completions call that gave no answer to read: a timeout, a refused or failed status, no connection.
 * {@code outage} says whether it counts towards the breaker (the provider, not the answer, failed).
 */
final class ModelCallException extends Exception {

    private final transient String output;
    private final boolean outage;

    ModelCallException(String message, String output, boolean outage) {
        super(message, null, false, false);
        this.output = output;
        this.outage = outage;
    }

    /** The body that came back, when one did. */
    String output() {
        return output;
    }

    boolean outage() {
        return outage;
    }
}
