package io.cqbench.workloads;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-iteration counts JMH reports next to the score as secondary metrics: CQEs the verifier passed,
 * terminating CQEs among them, and CQEs that went to the overflow backlog.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class VerifiedCounters {
    public long cqesVerified;
    public long terminatingCqes;
    public long overflowedCqes;

    @Setup(Level.Iteration)
    public void reset() {
        cqesVerified = 0;
        terminatingCqes = 0;
        overflowedCqes = 0;
    }
}
