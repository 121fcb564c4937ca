package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.spi.CqPoster;

import java.util.concurrent.atomic.AtomicBoolean;

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

    /** The exit status of a fork that stops because the cqbench JVM that started it has exited. */
    static final int HOST_EXITED_STATUS = 3;
    private static final AtomicBoolean HOST_WATCH_ARMED = new AtomicBoolean();

    private Benchmarks() {
    }

    /**
     * Halts this JVM soon after the JVM that forked it exits, when this JVM is a JMH fork. A fork whose
     * cqbench JVM was killed would otherwise run on unseen, and one with a hung strategy would spin
     * forever and disturb every later run on the machine. The JDK polls a process that is not its child
     * at most 5 seconds apart (ProcessHandleImpl in JDK 17). Called from every workload's trial setup;
     * arms the check once per JVM.
     */
    static void haltWhenHostExits() {
        if (!System.getProperty("sun.java.command", "").startsWith("org.openjdk.jmh.runner.ForkedMain ")
            || !HOST_WATCH_ARMED.compareAndSet(false, true)) {
            return;
        }
        // NOTE: under an external profiler such as perf the parent is the profiler, which outlives the host.
        ProcessHandle.current().parent().ifPresent(
            host -> host.onExit().thenRun(() -> Runtime.getRuntime().halt(HOST_EXITED_STATUS)));
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
