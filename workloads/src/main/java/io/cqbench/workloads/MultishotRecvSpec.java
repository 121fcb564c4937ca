package io.cqbench.workloads;

import io.cqbench.harness.Profile;
import io.cqbench.harness.WorkloadSpec;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.Setting;

import java.util.List;
import java.util.Map;

/** Describes {@code multishot-recv} to the harness. */
public final class MultishotRecvSpec implements WorkloadSpec {
    @Override
    public String name() {
        return "multishot-recv";
    }

    @Override
    public String description() {
        return "the patch's recv benchmark: multishot recvs sharing a provided-buffer ring, one batch per round";
    }

    @Override
    public String benchmarkClass() {
        return MultishotRecvBenchmark.class.getName();
    }

    @Override
    public List<Setting> params() {
        return List.of(
            Setting.ofInt("connections", 1, 1, 1 << 16,
                "multishot recv requests, one per connection; runs 1, 16 and 128 unless set"),
            Setting.ofInt("burst", 1, 1, 1024, "messages each connection receives per task-work batch"),
            Setting.ofPowerOfTwo("buffers", 4096, 1, 1 << 16,
                "provided buffers shared by all connections; fewer than connections causes -ENOBUFS"),
            Setting.ofPowerOfTwo("entries", 512, 2, 1 << 24, "CQ ring entries; fewer than connections makes the ring overflow"),
            Setting.ofChoice("eventfd", "whether an eventfd is registered and signalled on every commit", "true", "false"),
            Setting.ofInt("commitCost", 0, 0, (int) CqConfig.MAX_COMMIT_COST_NANOS, "nanoseconds of busy work on every"
                + " commit, in every strategy's post-commit signals: per-commit kernel costs the model lacks"),
            Setting.ofInt("closeEvery", 0, 0, Integer.MAX_VALUE,
                "the peer closes after every N-th message (res 0 ends the recv); 0 never"),
            Setting.ofInt("workPerCqe", 0, 0, 1_000_000,
                "Blackhole.consumeCPU tokens per CQE, standing for the rest of the kernel path"));
    }

    @Override
    public Map<String, List<String>> profileParams(Profile profile) {
        switch (profile) {
            case SMOKE:
                return Map.of("connections", List.of("1", "128"), "entries", List.of("512", "64"),
                    "burst", List.of("4"), "buffers", List.of("64"), "closeEvery", List.of("5"));
            case FULL:
                return Map.of("connections", List.of("1", "16", "128"), "burst", List.of("1", "8"),
                    "closeEvery", List.of("64"));
            default:
                return Map.of("connections", List.of("1", "16", "128"));
        }
    }
}
