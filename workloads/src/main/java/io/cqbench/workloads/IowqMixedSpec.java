package io.cqbench.workloads;

import io.cqbench.harness.Profile;
import io.cqbench.harness.WorkloadSpec;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.Setting;

import java.util.List;
import java.util.Map;

/** Describes {@code iowq-mixed} to the harness. */
public final class IowqMixedSpec implements WorkloadSpec {
    @Override
    public String name() {
        return "iowq-mixed";
    }

    @Override
    public String description() {
        return "a task-work producer's multishot batches and io-wq workers' single-shot completions in one CQ,"
            + " reaped on another thread";
    }

    @Override
    public String benchmarkClass() {
        return IowqMixedBenchmark.class.getName();
    }

    @Override
    public List<Setting> params() {
        return List.of(
            Setting.ofInt("requests", 64, 1, 256, "multishot requests of the task-work producer"),
            Setting.ofInt("batch", 16, 1, 1024,
                "multishot CQEs per task-work batch, and single-shot CQEs per io-wq worker step"),
            Setting.ofInt("workerRequests", 64, 1, 4096, "single-shot requests each io-wq worker keeps in flight"),
            Setting.ofPowerOfTwo("entries", 512, 2, 4096, "CQ ring entries"),
            Setting.ofChoice("eventfd", "whether an eventfd is registered and signalled on every commit", "true", "false"),
            Setting.ofInt("commitCost", 0, 0, (int) CqConfig.MAX_COMMIT_COST_NANOS, "nanoseconds of busy work on every"
                + " commit, in every strategy's post-commit signals: per-commit kernel costs the model lacks"),
            Setting.ofChoice("wait", "how the consumer waits on an empty CQ: Agrona's backoff (spin, yield, then park"
                + " 1 us to 1 ms), busy spin or yield idle strategy, or park on the CQ wait queue until a commit wakes it",
                "backoff", "spin", "yield", "park"));
    }

    @Override
    public int producers() {
        return 2;
    }

    @Override
    public boolean reapsOnProducerThread() {
        return false;
    }

    @Override
    public List<String> threadGroupRoles() {
        return List.of("consume", "produce");
    }

    @Override
    public Map<String, List<String>> profileParams(Profile profile) {
        switch (profile) {
            case SMOKE:
                return Map.of("wait", List.of("backoff", "park"), "entries", List.of("64"));
            case FULL:
                return Map.of("wait", List.of("backoff", "spin", "yield", "park"), "batch", List.of("1", "16"));
            default:
                return Map.of("wait", List.of("backoff", "park"));
        }
    }

    @Override
    public String incompatibility(CqPosterProvider strategy, Map<String, List<String>> params) {
        if (!params.getOrDefault("wait", List.of()).contains("park")) {
            return null;
        }
        CqConfig config = CqConfig.of(strategy.alias(), strategy.settings(), Math.max(64, strategy.minEntries()), false,
            Map.of());
        CqPoster poster;
        try {
            poster = strategy.create(config);
        } catch (RuntimeException | LinkageError e) {
            // The cqbench JVM may lack options that the forks get, such as Agrona's --add-exports. The
            // benchmark fork then checks the poster itself and fails with the same reason.
            return null;
        }
        if (poster.postSignals() == null) {
            return strategy.alias() + " has no CQ wait queue (its posters' postSignals() is null), so wait=park cannot"
                + " run; select wait=spin, yield or backoff with -p wait=...";
        }
        return null;
    }
}
