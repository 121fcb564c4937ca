package io.cqbench.workloads;

import io.cqbench.harness.Profile;
import io.cqbench.harness.WorkloadSpec;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.Setting;

import java.util.List;
import java.util.Map;

/** Describes {@code round-trip} to the harness. */
public final class RoundTripSpec implements WorkloadSpec {
    @Override
    public String name() {
        return "round-trip";
    }

    @Override
    public String description() {
        return "latency (JMH sample time) of one CQE from post to the application's answer, batch CQEs per commit,"
            + " the measured CQE first";
    }

    @Override
    public String benchmarkClass() {
        return RoundTripBenchmark.class.getName();
    }

    @Override
    public List<Setting> params() {
        return List.of(
            Setting.ofInt("batch", 16, 1, 4096, "CQEs per commit (task-work batch); the measured CQE is the first"),
            Setting.ofPowerOfTwo("entries", 512, 2, 1 << 24, "CQ ring entries; fewer than batch makes the ring overflow"),
            Setting.ofChoice("eventfd", "whether an eventfd is registered and signalled on every commit", "true", "false"),
            Setting.ofInt("commitCost", 0, 0, (int) CqConfig.MAX_COMMIT_COST_NANOS, "nanoseconds of busy work on every"
                + " commit, in every strategy's post-commit signals: per-commit kernel costs the model lacks"),
            Setting.ofInt("workPerCqe", 0, 0, 1_000_000,
                "Blackhole.consumeCPU tokens per CQE, standing for the rest of the kernel path"));
    }

    @Override
    public Map<String, List<String>> profileParams(Profile profile) {
        switch (profile) {
            case SMOKE:
                return Map.of("batch", List.of("1", "16"));
            case FULL:
                return Map.of("batch", List.of("1", "4", "16", "64"));
            default:
                return Map.of("batch", List.of("1", "16"));
        }
    }
}
