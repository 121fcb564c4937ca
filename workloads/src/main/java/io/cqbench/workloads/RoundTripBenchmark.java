package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.StrategyParams;
import io.cqbench.spi.CqPoster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Workload {@code round-trip}: the latency of one CQE from its post until the application has reaped and
 * answered it, with {@code batch} CQEs per commit and the measured CQE first. Score: JMH sample time in
 * nanoseconds per round trip, with percentiles. See {@link RoundTrip} for the model.
 *
 * <p>NOTE: the rest of each batch is posted in an invocation-level teardown, which JMH leaves out of the
 * measured time. Each sample is one round trip of tens of nanoseconds, so the timer's own cost and
 * granularity (System.nanoTime, often 10 to 30 ns) are a large part of every sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Benchmarks.ADD_EXPORTS, Benchmarks.AGRONA_NO_BOUNDS_CHECKS,
    Benchmarks.HEAP_MIN, Benchmarks.HEAP_MAX})
public class RoundTripBenchmark {
    @Param({"per-cqe-lock"})
    public String strategy;
    @Param({"16"})
    public String slots;
    @Param({"spin"})
    public String lock;
    @Param({""})
    public String options;

    @Param({"16"})
    public int batch;
    @Param({"512"})
    public int entries;
    @Param({"true"})
    public boolean eventfd;
    @Param({"0"})
    public int commitCost;
    @Param({"0"})
    public int workPerCqe;

    private RoundTrip workload;
    private final Benchmarks.CounterSync counterSync = new Benchmarks.CounterSync();

    @Setup(Level.Trial)
    public void setUp() {
        Benchmarks.haltWhenHostExits();
        CqPoster poster = StrategyParams.createPoster(strategy, slots, lock, options, entries, eventfd, commitCost);
        String context = "strategy " + poster + ", workload round-trip{batch=" + batch + ", entries=" + entries
            + ", eventfd=" + eventfd + ", commitCost=" + commitCost + ", workPerCqe=" + workPerCqe + "}";
        workload = new RoundTrip(poster, new OrderingVerifier(batch, context), batch, workPerCqe);
    }

    @Benchmark
    public void roundTrip() {
        workload.roundTrip();
    }

    @TearDown(Level.Invocation)
    public void finishBatch(VerifiedCounters counters) {
        workload.finishBatch();
        counterSync.update(counters, workload.verifier(), workload.poster());
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
        workload.drainAndCheck();
    }
}
