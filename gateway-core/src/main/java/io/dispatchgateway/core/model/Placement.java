package io.dispatchgateway.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where an option puts the job in the technician's plan, and what that does to the jobs after it.
 *
 * @param position 1-based place in the plan
 * @param of how many jobs the plan holds with this one
 * @param afterJobId the job just before it, or null when it goes first
 * @param beforeJobId the job just after it, or null when it goes last
 * @param day the shift day it falls on
 * @param start when the work starts (after any wait for the appointment window)
 * @param finish when the work ends
 * @param delays the later jobs it moves, and by how much
 * @param summary the same in a dispatcher's words
 */
public record Placement(int position, int of, String afterJobId, String beforeJobId, LocalDate day, Instant start,
        Instant finish, List<Delay> delays, String summary) {

    /** A later job moved by the insertion; {@code problem} is what that breaks for it, or null. */
    public record Delay(String jobId, double minutes, String problem) {}

    public Placement {
        delays = delays == null ? List.of() : List.copyOf(delays);
    }

    /** A place as a dispatcher says it: 1st, 2nd, 3rd, 11th. */
    public static String ordinal(int n) {
        return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }
}
