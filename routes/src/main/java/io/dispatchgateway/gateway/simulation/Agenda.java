package io.dispatchgateway.gateway.simulation;

import java.time.Instant;
import java.util.PriorityQueue;

/** What happens next in a simulation: actions at virtual times, run in time order (ties in the order planned). */
final class Agenda {

    private record Entry(Instant at, long seq, Runnable action) {}

    private final PriorityQueue<Entry> entries = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.seq(), b.seq());
    });
    private long seq;

    void at(Instant at, Runnable action) {
        entries.add(new Entry(at, seq++, action));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Instant next() {
        return entries.peek().at();
    }

    /** Moves {@code clock} to the next action's time and runs it. */
    void runNext(SimulatedClock clock) {
        Entry entry = entries.poll();
        clock.set(entry.at());
        entry.action().run();
    }
}
