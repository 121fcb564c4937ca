package io.cqbench.harness;

import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.Setting;

import java.util.List;
import java.util.Map;

/**
 * A workload: one JMH benchmark class and what the harness needs to know to run it. Found with
 * {@link java.util.ServiceLoader}, like strategies. The benchmark class declares a {@code @Param}
 * field for each of {@link #params()} and for the strategy parameters of
 * {@link WorkloadSpec#STRATEGY_PARAMS}, unless it {@linkplain #usesStrategy() runs no strategy}.
 */
public interface WorkloadSpec {
    /** JMH parameters every workload declares for the strategy under test: its alias and its settings. */
    List<String> STRATEGY_PARAMS = List.of("strategy", "slots", "lock", "options");

    /** Returns the name used on the command line, such as {@code multishot-poll}. */
    String name();

    /** Returns one line on what the workload models. */
    String description();

    /** Returns the fully qualified name of the JMH benchmark class. */
    String benchmarkClass();

    /** Returns the workload's own parameters, each with its default and valid values. */
    List<Setting> params();

    /**
     * Returns whether the workload benchmarks a strategy. A workload that does not declares none of
     * {@link #STRATEGY_PARAMS}, runs once per parameter combination whatever {@code --strategies} selects,
     * and names the rows of its summary table by {@link #rowParam()}.
     */
    default boolean usesStrategy() {
        return true;
    }

    /**
     * Returns the parameter whose values name the summary rows of a workload that runs no strategy, such
     * as {@code step}, or {@code null} when the workload runs a strategy.
     */
    default String rowParam() {
        return null;
    }

    /** Returns the values of {@link #rowParam()} in the order the summary lists them; others follow. */
    default List<String> rowOrder() {
        return List.of();
    }

    /** Returns how many producers post at once; a single-producer strategy cannot run more than 1. */
    default int producers() {
        return 1;
    }

    /** Returns whether the consumer reaps on the producer's thread, which a blocking strategy cannot run. */
    default boolean reapsOnProducerThread() {
        return true;
    }

    /**
     * Returns the roles of a JMH {@code @Group} benchmark in the order of JMH's {@code -tg} option, or
     * an empty list for a benchmark on one thread, which rejects {@code -tg}. The first role is the
     * consumer and runs on exactly one thread; the others take 1 or more.
     */
    default List<String> threadGroupRoles() {
        return List.of();
    }

    /**
     * Returns why {@code strategy} cannot run this workload with the planned parameter values
     * {@code params}, or {@code null} when it can. Called before any benchmark runs, after the
     * producer-count and blocking checks.
     */
    default String incompatibility(CqPosterProvider strategy, Map<String, List<String>> params) {
        return null;
    }

    /** Returns the parameter values a profile runs; parameters left out take their defaults. */
    Map<String, List<String>> profileParams(Profile profile);

    /**
     * Checks and completes the values of parameter {@code name} before any benchmark runs, for example
     * by reading a file a value names. Throws {@link UsageException} naming a value it rejects.
     */
    default List<String> resolveParam(String name, List<String> values) {
        return values;
    }

    /**
     * Checks combinations of parameter values before any benchmark runs, after
     * {@link #resolveParam}. Throws {@link UsageException} naming the values that cannot run together.
     */
    default void checkParams(Map<String, List<String>> params) {
    }
}
