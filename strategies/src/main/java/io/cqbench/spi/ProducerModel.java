package io.cqbench.spi;

/** How many producers a strategy accepts, that is how many {@link CqProducer}s may post at once. */
public enum ProducerModel {
    /** One producer only: a second call to {@link CqPoster#newProducer()} is rejected. */
    SINGLE,
    /** Any number of producers, each on its own thread, posting concurrently. */
    MANY
}
