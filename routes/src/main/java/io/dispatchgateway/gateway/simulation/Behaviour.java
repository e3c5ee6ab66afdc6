package io.dispatchgateway.gateway.simulation;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The behaviour models of the field and the office: how long a drive and a job really take, who is late, what
 * goes wrong. Every draw is keyed by what it is about (a job, a technician's day) and the seed, not by the order
 * of the draws: the same job drives and works as long under every policy compared, so the policies are compared on
 * the same day.
 */
public final class Behaviour {

    private final Scenario.Field field;
    private final Scenario.Office office;
    private final long seed;

    public Behaviour(Scenario.Field field, Scenario.Office office, long seed) {
        this.field = field;
        this.office = office;
        this.seed = seed;
    }

    /** The factor on the planned drive of {@code leg} of a job (mean 1). */
    public double driveFactor(String job, int leg) {
        return lognormal(draw(job, "drive-" + leg), field.travelNoise());
    }

    /** The factor on the estimated work of a visit of a job (mean 1). */
    public double workFactor(String job, int visit) {
        return lognormal(draw(job, "work-" + visit), field.durationSpread());
    }

    /** Minutes the technician is late on {@code day} (0 on time). */
    public long lateMinutes(String technician, LocalDate day) {
        SplittableRandom random = draw(technician, "late-" + day);
        if (random.nextDouble() >= field.lateShare()) {
            return 0;
        }
        return Math.round(-Math.log(1 - random.nextDouble()) * field.lateMinutes());
    }

    /** Whether the part of a job that needs one turns out to be missing on site. */
    public boolean partMissing(String job) {
        return draw(job, "part").nextDouble() < field.missingPartShare();
    }

    /** Whether the visit fixes the job. */
    public boolean fixedFirstTime(String job) {
        return draw(job, "fix").nextDouble() >= field.repeatVisitShare();
    }

    /** Minutes until a dispatcher decides what waits for them (an approval, a proposal). */
    public long decisionMinutes(String key) {
        SplittableRandom random = draw(key, "decide");
        return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * office.approvalMinutes()));
    }

    /** Whether the dispatcher takes another option than the recommended one. */
    public boolean overrides(String key) {
        return draw(key, "override").nextDouble() < office.overrideShare();
    }

    /** exp(sigma z - sigma^2 / 2): a lognormal factor whose mean is 1; exactly 1 when sigma is 0. */
    static double lognormal(SplittableRandom random, double sigma) {
        if (sigma <= 0) {
            return 1;
        }
        return Math.exp(sigma * gaussian(random) - sigma * sigma / 2);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller, one value (java.util.Random's nextGaussian is not on SplittableRandom in Java 17).
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private SplittableRandom draw(String key, String purpose) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= key.hashCode() * 0xC2B2AE3D27D4EB4FL;
        h ^= purpose.hashCode() * 0x165667B19E3779F9L;
        return new SplittableRandom(h);
    }
}
