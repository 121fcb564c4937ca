package io.cqbench.workloads;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-iteration counts of {@code iowq-mixed}'s consumer, reported by JMH as secondary metrics and
 * summed over iterations and forks: CQEs the cross-thread checker passed, terminating CQEs among
 * them, CQEs that went to the overflow backlog, commits that woke the sleeping consumer, and eventfd
 * signals. Divided by {@code cqesVerified}, the last two give wake-ups and signals per CQE.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class IowqCounters {
    public long cqesVerified;
    public long terminatingCqes;
    public long overflowedCqes;
    public long wakeUps;
    public long eventfdSignals;

    @Setup(Level.Iteration)
    public void reset() {
        cqesVerified = 0;
        terminatingCqes = 0;
        overflowedCqes = 0;
        wakeUps = 0;
        eventfdSignals = 0;
    }
}
