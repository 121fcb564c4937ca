package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.StrategyParams;
import io.cqbench.spi.CqPoster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Workload {@code multishot-recv}: the batching patch's recv benchmark with a provided-buffer ring,
 * producer and application on one thread. Score: CQEs per second. See {@link MultishotRecv}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Benchmarks.ADD_EXPORTS, Benchmarks.AGRONA_NO_BOUNDS_CHECKS,
    Benchmarks.HEAP_MIN, Benchmarks.HEAP_MAX})
public class MultishotRecvBenchmark {
    @Param({"per-cqe-lock"})
    public String strategy;
    @Param({"16"})
    public String slots;
    @Param({"spin"})
    public String lock;
    @Param({""})
    public String options;

    @Param({"1", "16", "128"})
    public int connections;
    @Param({"1"})
    public int burst;
    @Param({"4096"})
    public int buffers;
    @Param({"512"})
    public int entries;
    @Param({"true"})
    public boolean eventfd;
    @Param({"0"})
    public int commitCost;
    @Param({"0"})
    public int closeEvery;
    @Param({"0"})
    public int workPerCqe;

    private MultishotRecv workload;
    private final Benchmarks.CounterSync counterSync = new Benchmarks.CounterSync();

    @Setup(Level.Trial)
    public void setUp() {
        Benchmarks.haltWhenHostExits();
        CqPoster poster = StrategyParams.createPoster(strategy, slots, lock, options, entries, eventfd, commitCost);
        String context = "strategy " + poster + ", workload multishot-recv{connections=" + connections
            + ", burst=" + burst + ", buffers="
            + buffers + ", entries=" + entries + ", eventfd=" + eventfd + ", commitCost=" + commitCost + ", closeEvery=" + closeEvery
            + ", workPerCqe=" + workPerCqe + "}";
        workload = new MultishotRecv(poster, new OrderingVerifier(connections, context), connections, burst, buffers,
            closeEvery, workPerCqe);
    }

    @Benchmark
    @OperationsPerInvocation(Benchmarks.CQES_PER_INVOCATION)
    public void multishotRecv(VerifiedCounters counters) {
        for (int remaining = Benchmarks.CQES_PER_INVOCATION; remaining > 0; ) {
            remaining -= workload.round(remaining);
        }
        counterSync.update(counters, workload.verifier(), workload.poster());
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
        workload.drainAndCheck();
    }
}
