package io.dispatchgateway.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A system jobs come from (a field-service system, a queue). A source hands each raw job payload, as the
 * JSON document of the intake contract, to the gateway's intake, which validates it and quarantines what it
 * cannot accept.
 */
public interface JobSource {

    /** Stable name of the source, recorded on every job it delivers ({@code servicetitan}, {@code kafka}). */
    String name();

    /** How often the gateway polls this source. */
    default Duration pollInterval() {
        return Duration.ofSeconds(5);
    }

    /**
     * Fetches what changed since the last call and hands every payload to {@code intake}.
     *
     * @return how many payloads were handed over
     */
    int poll(Consumer<String> intake);

    /**
     * Polls like {@link #poll(Consumer)} and also reports the field events the source saw on its jobs (a job's
     * status moving to dispatched, working, done or cancelled). Sources that know no field events need not
     * override it.
     */
    default int poll(Consumer<String> intake, FieldEvents events) {
        return poll(intake);
    }

    /**
     * Intake refused {@code payload}, one this source handed over (it is quarantined with its problems). A source
     * that can read the job again later (after its record is corrected) offers it then; others need do nothing.
     */
    default void refused(String payload) {
    }

    /**
     * Receives field events from a source: its own id of the job and the field-event JSON document; and the
     * technicians the source's own dispatcher put on its jobs after intake.
     */
    @FunctionalInterface
    interface FieldEvents {

        void report(String externalId, String payload);

        /**
         * Who is on the job's next visit in the source now ({@code technicianIds}, the first assigned first), after
         * a change there at {@code at}. The gateway keeps its own technician while they are among them, or when its
         * decision is newer; otherwise it takes the office's.
         */
        default void staffed(String externalId, List<String> technicianIds, Instant at) {
        }
    }
}
