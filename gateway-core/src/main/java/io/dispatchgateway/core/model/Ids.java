package io.dispatchgateway.core.model;

import java.util.UUID;

/**
 * The gateway's own ids: a letter for the kind ({@code J} job, {@code A} approval, {@code P} plan proposal,
 * {@code Q} quarantined payload) and
 * twelve random hexadecimal digits, short enough to read out on the phone.
 */
public final class Ids {

    private Ids() {
    }

    public static String job() {
        return next("J");
    }

    public static String approval() {
        return next("A");
    }

    public static String proposal() {
        return next("P");
    }

    /** A quarantined payload. */
    public static String quarantine() {
        return next("Q");
    }

    private static String next(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }
}
