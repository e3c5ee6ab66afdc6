package io.dispatchgateway.core.model;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The gateway's own ids: a letter for the kind ({@code J} job, {@code A} approval, {@code P} plan proposal,
 * {@code Q} quarantined payload) and
 * twelve random hexadecimal digits, short enough to read out on the phone.
 *
 * <p>A simulation draws them from a seeded generator instead ({@link #repeatable}, on the simulation's thread),
 * so the same run gives the same ids and every order that depends on them is the same too.
 */
public final class Ids {

    /** Per thread: a simulation draws its ids on its own thread while the gateway beside it goes on. */
    private static final ThreadLocal<SplittableRandom> SEEDED = new ThreadLocal<>();

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

    /**
     * From now on ids made on this thread come from a generator seeded with {@code seed}; other threads keep
     * drawing random ones.
     */
    public static void repeatable(long seed) {
        SEEDED.set(new SplittableRandom(seed));
    }

    /** Back to random ids on this thread. */
    public static void random() {
        SEEDED.remove();
    }

    private static String next(String kind) {
        SplittableRandom seeded = SEEDED.get();
        if (seeded != null) {
            return kind + "-" + String.format("%012x", seeded.nextLong(1L << 48));
        }
        return kind + "-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }
}
