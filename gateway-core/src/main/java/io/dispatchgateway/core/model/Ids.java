package io.dispatchgateway.core.model;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The gateway's own ids: a letter for the kind ({@code J} job, {@code A} approval, {@code P} plan proposal,
 * {@code Q} quarantined payload) and
 * twelve random hexadecimal digits, short enough to read out on the phone.
 *
 * <p>A simulation draws them from a seeded generator instead ({@link #repeatable}), so the same run gives the
 * same ids and every order that depends on them is the same too.
 */
public final class Ids {

    private static SplittableRandom seeded;

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

    /** From now on ids come from a generator seeded with {@code seed} (one simulation at a time per JVM). */
    public static synchronized void repeatable(long seed) {
        seeded = new SplittableRandom(seed);
    }

    /** Back to random ids. */
    public static synchronized void random() {
        seeded = null;
    }

    private static synchronized String next(String kind) {
        if (seeded != null) {
            return kind + "-" + String.format("%012x", seeded.nextLong(1L << 48));
        }
        return kind + "-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }
}
