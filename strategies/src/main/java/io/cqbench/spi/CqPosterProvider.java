package io.cqbench.spi;

import java.util.List;

/**
 * The service cqbench discovers with {@link java.util.ServiceLoader}: one per strategy, named by a
 * short alias. A jar adds a strategy by implementing this interface and listing the class in
 * {@code META-INF/services/io.cqbench.spi.CqPosterProvider}; the harness needs no change.
 *
 * <p>Implementations need a public no-argument constructor and no state: the harness may create
 * several.
 */
public interface CqPosterProvider {
    /** Returns the alias used on the command line and in results, such as {@code per-cqe-lock}. */
    String alias();

    /** Returns one line describing the strategy and its trade-off. */
    String description();

    /** Returns how many producers the strategy's posters accept. */
    ProducerModel producerModel();

    /** Returns what the strategy's posters do when the CQ is full. */
    FullBehavior fullBehavior();

    /** Returns the smallest CQ size, in entries, the strategy can run; at least 2. */
    default int minEntries() {
        return 2;
    }

    /** Returns the settings the strategy accepts, with defaults; empty when it has none. */
    default List<Setting> settings() {
        return List.of();
    }

    /**
     * Creates a poster for one ring. {@code config} was validated against {@link #settings()}.
     * Allocation belongs here: posting and reaping must not allocate per CQE in steady state.
     */
    CqPoster create(CqConfig config);
}
