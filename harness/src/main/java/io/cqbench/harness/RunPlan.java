package io.cqbench.harness;

import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.spi.Setting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workload and one strategy, with every JMH parameter value the pair will run, or the reason the
 * pair cannot run at all. A workload that {@linkplain WorkloadSpec#usesStrategy() runs no strategy} is
 * planned alone, with a {@code null} strategy.
 */
final class RunPlan {
    final WorkloadSpec workload;
    final CqPosterProvider strategy;
    final Map<String, List<String>> params;
    final String notApplicable;

    private RunPlan(WorkloadSpec workload, CqPosterProvider strategy, Map<String, List<String>> params, String notApplicable) {
        this.workload = workload;
        this.strategy = strategy;
        this.params = params;
        this.notApplicable = notApplicable;
    }

    /**
     * Plans one pair: the profile's workload parameters overridden by {@code userParams}, the strategy's
     * own settings (defaults unless given), and {@link StrategyParams#NOT_APPLICABLE} for strategy
     * parameters the strategy lacks.
     */
    static RunPlan of(WorkloadSpec workload, CqPosterProvider strategy, Profile profile, Map<String, List<String>> userParams) {
        String reason = incompatibility(workload, strategy);
        Map<String, List<String>> params = new LinkedHashMap<>();
        addStrategyParams(params, strategy, userParams);
        Map<String, List<String>> profileParams = workload.profileParams(profile);
        for (Setting param : workload.params()) {
            List<String> values = userParams.getOrDefault(param.name(), profileParams.get(param.name()));
            params.put(param.name(), workload.resolveParam(param.name(), values != null ? values : List.of(param.defaultValue())));
        }
        workload.checkParams(params);
        if (reason == null && strategy != null) {
            reason = workload.incompatibility(strategy, params);
        }
        return new RunPlan(workload, strategy, params, reason);
    }

    /** Plans a workload that runs no strategy: only its own parameters. */
    static RunPlan withoutStrategy(WorkloadSpec workload, Profile profile, Map<String, List<String>> userParams) {
        return of(workload, null, profile, userParams);
    }

    private static void addStrategyParams(Map<String, List<String>> params, CqPosterProvider strategy,
                                          Map<String, List<String>> userParams) {
        if (strategy == null) {
            return;
        }
        params.put("strategy", List.of(strategy.alias()));
        for (String name : List.of("slots", "lock")) {
            Setting setting = find(strategy.settings(), name);
            if (setting == null) {
                params.put(name, List.of(StrategyParams.NOT_APPLICABLE));
            } else {
                params.put(name, userParams.getOrDefault(name, List.of(setting.defaultValue())));
            }
        }
        params.put("options", userParams.getOrDefault("options", List.of("")));
    }

    /** Returns why the strategy cannot run the workload, or {@code null} when it can or there is no strategy. */
    static String incompatibility(WorkloadSpec workload, CqPosterProvider strategy) {
        if (strategy == null) {
            return null;
        }
        if (workload.producers() > 1 && strategy.producerModel() == ProducerModel.SINGLE) {
            return strategy.alias() + " supports a single producer, and " + workload.name()
                + " posts from several producer threads";
        }
        if (workload.reapsOnProducerThread() && strategy.fullBehavior() == FullBehavior.BLOCK) {
            return strategy.alias() + " blocks its producer while the CQ is full, and " + workload.name()
                + " reaps on the producer's thread, so the first full ring would hang";
        }
        return null;
    }

    /** Returns how many benchmarks (parameter combinations) the pair runs. */
    int benchmarkCount() {
        int count = 1;
        for (List<String> values : params.values()) {
            count *= values.size();
        }
        return count;
    }

    String label() {
        return strategy == null ? workload.name() : workload.name() + " x " + strategy.alias();
    }

    private static Setting find(List<Setting> settings, String name) {
        for (Setting setting : settings) {
            if (setting.name().equals(name)) {
                return setting;
            }
        }
        return null;
    }
}
