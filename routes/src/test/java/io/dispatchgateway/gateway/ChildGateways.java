package io.dispatchgateway.gateway;

/**
 * The integration tests that run the gateway in child JVMs. They run beside the tests in the test JVM (they
 * mostly wait on their processes) but one at a time among themselves, holding {@link #LOCK}, so the machine
 * never carries more than one of them and the rest of the suite at once.
 */
final class ChildGateways {

    /** The resource lock the child-JVM tests hold while they run. */
    static final String LOCK = "child-gateway-processes";

    private ChildGateways() {}
}
