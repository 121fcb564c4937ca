package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.spi.CqPoster;

/** Constants and helpers shared by the JMH workload classes. */
final class Benchmarks {
    /**
     * CQEs per benchmark invocation, the {@code @OperationsPerInvocation} of every workload, so scores
     * read as CQEs per second. Workloads post exactly this many per invocation.
     */
    static final int CQES_PER_INVOCATION = 1024;

    /** JVM options of every benchmark fork: Agrona 2.x reaches jdk.internal.misc, and runs without bounds checks. */
    static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    static final String AGRONA_NO_BOUNDS_CHECKS = "-Dagrona.disable.bounds.checks=true";
    static final String HEAP_MIN = "-Xms1g";
    static final String HEAP_MAX = "-Xmx1g";

    private Benchmarks() {
    }

    /** Copies the verifier's and poster's counts since the last call into the JMH counters. */
    static final class CounterSync {
        private long verified;
        private long terminations;
        private long overflowed;

        void update(VerifiedCounters counters, OrderingVerifier verifier, CqPoster poster) {
            long nowVerified = verifier.verified();
            long nowTerminations = verifier.terminations();
            long nowOverflowed = poster.overflowCount();
            counters.cqesVerified += nowVerified - verified;
            counters.terminatingCqes += nowTerminations - terminations;
            counters.overflowedCqes += nowOverflowed - overflowed;
            verified = nowVerified;
            terminations = nowTerminations;
            overflowed = nowOverflowed;
        }
    }
}
