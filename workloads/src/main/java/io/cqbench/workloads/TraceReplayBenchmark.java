package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.StrategyParams;
import io.cqbench.harness.trace.CqeStream;
import io.cqbench.harness.trace.TraceFormatException;
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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Workload {@code trace-replay}: a real capture's CQ stream replayed through a strategy, producer and
 * application on one thread. Score: CQEs per second. See {@link TraceReplay}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Benchmarks.ADD_EXPORTS, Benchmarks.AGRONA_NO_BOUNDS_CHECKS,
    Benchmarks.HEAP_MIN, Benchmarks.HEAP_MAX})
public class TraceReplayBenchmark {
    @Param({"per-cqe-lock"})
    public String strategy;
    @Param({"16"})
    public String slots;
    @Param({"spin"})
    public String lock;
    @Param({""})
    public String options;

    @Param({TraceSource.DEFAULT})
    public String trace;
    @Param({"4096"})
    public int entries;
    @Param({"true"})
    public boolean eventfd;
    @Param({"0"})
    public int commitCost;
    @Param({"0"})
    public int workPerCqe;

    private TraceReplay workload;
    private final Benchmarks.CounterSync counterSync = new Benchmarks.CounterSync();

    @Setup(Level.Trial)
    public void setUp() throws IOException, TraceFormatException {
        Benchmarks.haltWhenHostExits();
        TraceSource source = TraceSource.read(trace);
        CqeStream stream = source.stream();
        CqPoster poster = StrategyParams.createPoster(strategy, slots, lock, options, entries, eventfd, commitCost);
        String context = "strategy " + poster + ", workload trace-replay{trace=" + source.fileName() + ", ring="
            + stream.ring() + ", entries=" + entries + ", eventfd=" + eventfd + ", commitCost=" + commitCost + ", workPerCqe=" + workPerCqe + "}";
        workload = new TraceReplay(poster, new OrderingVerifier(stream.requests(), context, stream.index()), stream,
            workPerCqe);
        System.out.println(System.lineSeparator() + "trace-replay: ring " + stream.ring() + " of " + source.fileName() + ", its largest: "
            + stream.size() + " CQEs in " + stream.batches() + " batches, " + stream.requests() + " requests");
    }

    @Benchmark
    @OperationsPerInvocation(Benchmarks.CQES_PER_INVOCATION)
    public void traceReplay(VerifiedCounters counters) {
        for (int remaining = Benchmarks.CQES_PER_INVOCATION; remaining > 0; ) {
            remaining -= workload.batch(remaining);
        }
        counterSync.update(counters, workload.verifier(), workload.poster());
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
        workload.drainAndCheck();
    }
}
