package io.cqbench.workloads;

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

import java.util.concurrent.TimeUnit;

/**
 * Workload {@code cost-breakdown}: nanoseconds per CQE of the posting path up to {@code step}, with one
 * commit per {@code batch} CQEs. It runs no strategy. See {@link CostBreakdown} for the steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Benchmarks.HEAP_MIN, Benchmarks.HEAP_MAX})
public class CostBreakdownBenchmark {
    @Param({"write"})
    public String step;
    @Param({"1"})
    public int batch;

    private CostBreakdown path;

    @Setup(Level.Trial)
    public void setUp() {
        Benchmarks.haltWhenHostExits();
        if (Benchmarks.CQES_PER_INVOCATION % batch != 0) {
            throw new IllegalArgumentException("invalid batch=" + batch + ": it must divide "
                + Benchmarks.CQES_PER_INVOCATION);
        }
        path = new CostBreakdown(step, batch);
    }

    @Benchmark
    @OperationsPerInvocation(Benchmarks.CQES_PER_INVOCATION)
    public void costBreakdown() {
        for (int posted = 0; posted < Benchmarks.CQES_PER_INVOCATION; posted += batch) {
            path.postBatch();
        }
    }
}
