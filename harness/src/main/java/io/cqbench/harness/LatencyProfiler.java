package io.cqbench.harness;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.List;

/**
 * Reports the post-to-reap latency that a cross-thread workload recorded during each iteration as JMH
 * secondary metrics: {@code latency.p50}, {@code latency.p99}, {@code latency.p999} and
 * {@code latency.max}, in microseconds. JMH averages the percentiles over iterations and forks and
 * keeps the largest max. (JMH's own {@code @AuxCounters} would sum them, which is meaningless for a
 * percentile.) {@code cqbench run} adds this profiler to every run; in workloads that record no
 * latency it reports nothing. Run the jar directly with {@code -prof io.cqbench.harness.LatencyProfiler}.
 */
public final class LatencyProfiler implements InternalProfiler {
    /** Secondary metric names, in table order. */
    public static final String P50 = "latency.p50";
    public static final String P99 = "latency.p99";
    public static final String P999 = "latency.p999";
    public static final String MAX = "latency.max";

    private static volatile Histogram current;

    /**
     * Makes {@code histogram} the one this profiler reports after each iteration. The workload records
     * into it on its consumer thread and resets it when an iteration starts; JMH reads it only after
     * every benchmark thread has finished the iteration.
     */
    public static void publish(Histogram histogram) {
        current = histogram;
    }

    @Override
    public String getDescription() {
        return "cqbench post-to-reap latency percentiles of cross-thread workloads";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        Histogram histogram = current;
        if (histogram == null || histogram.getTotalCount() == 0) {
            return List.of();
        }
        return List.of(
            micros(P50, histogram.getValueAtPercentile(50), AggregationPolicy.AVG),
            micros(P99, histogram.getValueAtPercentile(99), AggregationPolicy.AVG),
            micros(P999, histogram.getValueAtPercentile(99.9), AggregationPolicy.AVG),
            micros(MAX, histogram.getMaxValue(), AggregationPolicy.MAX));
    }

    private static ScalarResult micros(String label, long nanos, AggregationPolicy policy) {
        return new ScalarResult(label, nanos / 1000.0, "us", policy);
    }
}
