package io.cqbench.workloads;

import io.cqbench.harness.Profile;
import io.cqbench.harness.WorkloadSpec;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.Setting;

import java.util.List;
import java.util.Map;

/** Describes {@code multishot-poll} to the harness. */
public final class MultishotPollSpec implements WorkloadSpec {
    @Override
    public String name() {
        return "multishot-poll";
    }

    @Override
    public String description() {
        return "the patch's microbenchmark: every armed multishot poll posts one CQE per event, one batch per event";
    }

    @Override
    public String benchmarkClass() {
        return MultishotPollBenchmark.class.getName();
    }

    @Override
    public List<Setting> params() {
        return List.of(
            Setting.ofInt("requests", 128, 1, 1 << 16, "armed multishot poll requests"),
            Setting.ofPowerOfTwo("entries", 512, 2, 1 << 24, "CQ ring entries; fewer than requests makes the ring overflow"),
            Setting.ofChoice("eventfd", "whether an eventfd is registered and signalled on every commit", "true", "false"),
            Setting.ofInt("commitCost", 0, 0, (int) CqConfig.MAX_COMMIT_COST_NANOS, "nanoseconds of busy work on every"
                + " commit, in every strategy's post-commit signals: per-commit kernel costs the model lacks"),
            Setting.ofInt("cancelEvery", 0, 0, Integer.MAX_VALUE,
                "every N-th event cancels one request with -ECANCELED, in the batch of its last CQE; 0 never"),
            Setting.ofInt("workPerCqe", 0, 0, 1_000_000,
                "Blackhole.consumeCPU tokens per CQE, standing for the rest of the kernel path"));
    }

    @Override
    public Map<String, List<String>> profileParams(Profile profile) {
        switch (profile) {
            case SMOKE:
                return Map.of("entries", List.of("512", "64"), "cancelEvery", List.of("0", "3"));
            case FULL:
                return Map.of("eventfd", List.of("true", "false"), "cancelEvery", List.of("0", "64"));
            default:
                return Map.of();
        }
    }
}
