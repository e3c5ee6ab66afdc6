package io.dispatchgateway.core.rank;

import java.time.Duration;
import java.time.Instant;

/**
 * The probability that a technician starts the job after its SLA deadline. Arrival is modelled as normally
 * distributed around the ETA with a standard deviation of {@code baseUncertainty + travelUncertainty × travel
 * minutes} (traffic makes long trips less certain; the base covers parking, access and the end of the current
 * job), so {@code P(breach) = 1 − Φ((deadline − ETA) / σ)}. An ETA exactly at the deadline is a coin toss; one
 * σ early gives about 16 %, two σ about 2.3 %.
 */
public final class SlaRiskEstimator {

    private final double baseMinutes;
    private final double travelFactor;

    public SlaRiskEstimator(Duration baseUncertainty, double travelUncertainty) {
        if (baseUncertainty.isNegative() || baseUncertainty.isZero()) {
            throw new IllegalArgumentException("base uncertainty must be positive, was " + baseUncertainty);
        }
        if (travelUncertainty < 0) {
            throw new IllegalArgumentException("travel uncertainty must not be negative, was " + travelUncertainty);
        }
        this.baseMinutes = baseUncertainty.toSeconds() / 60.0;
        this.travelFactor = travelUncertainty;
    }

    public double breachProbability(Instant eta, Instant deadline, double travelMinutes) {
        return breachProbability(eta.getEpochSecond(), deadline.getEpochSecond(), travelMinutes);
    }

    /** The same, on epoch seconds. */
    public double breachProbability(long etaSecond, long deadlineSecond, double travelMinutes) {
        double slackMinutes = (deadlineSecond - etaSecond) / 60.0;
        double sigma = baseMinutes + travelFactor * Math.max(0, travelMinutes);
        return 1.0 - standardNormalCdf(slackMinutes / sigma);
    }

    /** Φ(z), from the Abramowitz and Stegun 7.1.26 approximation of erf (absolute error below 1.5e-7). */
    static double standardNormalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2.0);
        double t = 1.0 / (1.0 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429))));
        double erf = 1.0 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1.0 + erf) : 0.5 * (1.0 - erf);
    }
}
