package io.cqbench.workloads;

import io.cqbench.harness.Profile;
import io.cqbench.harness.WorkloadSpec;
import io.cqbench.spi.Setting;

import java.util.List;
import java.util.Map;

/** Describes {@code cost-breakdown} to the harness. */
public final class CostBreakdownSpec implements WorkloadSpec {
    @Override
    public String name() {
        return "cost-breakdown";
    }

    @Override
    public String description() {
        return "ns per CQE of the posting path one step at a time: write, tail, lock, waiter, eventfd; no strategy";
    }

    @Override
    public String benchmarkClass() {
        return CostBreakdownBenchmark.class.getName();
    }

    @Override
    public boolean usesStrategy() {
        return false;
    }

    @Override
    public String rowParam() {
        return "step";
    }

    @Override
    public List<String> rowOrder() {
        return CostBreakdown.STEPS;
    }

    @Override
    public List<Setting> params() {
        return List.of(
            Setting.ofChoice("step", "the last step charged; each includes the ones before it",
                CostBreakdown.STEPS.toArray(new String[0])),
            Setting.ofPowerOfTwo("batch", 1, 1, Benchmarks.CQES_PER_INVOCATION,
                "CQEs per commit: 1 is per-cqe-lock's path, 16 a full deferred-array flush"));
    }

    @Override
    public Map<String, List<String>> profileParams(Profile profile) {
        return Map.of("step", CostBreakdown.STEPS, "batch", List.of("1", "16"));
    }
}
