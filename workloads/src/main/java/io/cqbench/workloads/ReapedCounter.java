package io.cqbench.workloads;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The score of a multi-threaded workload: CQEs its consumer reaped. As an {@code OPERATIONS} counter,
 * JMH divides it by the iteration time and reports CQEs per second as the secondary metric
 * {@code cqesReaped}. JMH's primary score of a {@code @Group} benchmark is the sum of every group
 * method's invocations per second, producers' and consumer's alike, which counts no CQEs.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ReapedCounter {
    public long cqesReaped;

    @Setup(Level.Iteration)
    public void reset() {
        cqesReaped = 0;
    }
}
