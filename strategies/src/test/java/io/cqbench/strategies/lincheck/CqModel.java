package io.cqbench.strategies.lincheck;

import io.cqbench.spi.Cqe;

import java.util.ArrayDeque;

/**
 * One state of the CQ that {@link StaleFlagVerifier} searches: the ring and the backlog as labels in
 * posting order, and each producer's request generation and event sequence number. A ring entry also
 * records the operation that claimed it, because the consumer may not see it until that operation
 * publishes it. Steps mutate a {@link #copy()}, so a search can branch.
 */
final class CqModel {
    final int entries;
    /** 0 when producers post straight into the ring, else the size of each producer's private batch. */
    final int slots;
    private final ArrayDeque<Entry> ring;
    private final ArrayDeque<String> backlog;
    private final int[] generation;
    private final int[] sequence;

    CqModel(int entries, int slots) {
        this(entries, slots, new ArrayDeque<>(), new ArrayDeque<>(), new int[CheckedCqe.PRODUCERS],
            new int[CheckedCqe.PRODUCERS]);
    }

    private CqModel(int entries, int slots, ArrayDeque<Entry> ring, ArrayDeque<String> backlog, int[] generation,
                    int[] sequence) {
        this.entries = entries;
        this.slots = slots;
        this.ring = ring;
        this.backlog = backlog;
        this.generation = generation;
        this.sequence = sequence;
    }

    CqModel copy() {
        return new CqModel(entries, slots, new ArrayDeque<>(ring), new ArrayDeque<>(backlog), generation.clone(),
            sequence.clone());
    }

    boolean ringFull() {
        return ring.size() >= entries;
    }

    boolean backlogPending() {
        return !backlog.isEmpty();
    }

    /** Starts a producer's next event and returns its {@code res}. */
    int nextEvent(int producer) {
        return ++sequence[producer];
    }

    String multishotLabel(int producer, int res) {
        return CheckedCqe.label(CheckedCqe.userData(producer, generation[producer]), res, Cqe.F_MORE);
    }

    /** Returns the terminating CQE's label and re-arms the request under the next generation. */
    String terminate(int producer, int res) {
        String label = CheckedCqe.label(CheckedCqe.userData(producer, generation[producer]), res, 0);
        generation[producer]++;
        return label;
    }

    /** Claims the next ring entry for {@code label} on behalf of operation {@code owner}. */
    void addToRing(String label, int owner) {
        ring.add(new Entry(label, owner));
    }

    void addToBacklog(String label) {
        backlog.add(label);
    }

    /** Returns the oldest ring entry, or {@code null} when no entry is claimed. */
    Entry ringHead() {
        return ring.peek();
    }

    /**
     * The consumer's step: removes and returns the ring's oldest CQE, else the backlog's oldest, else
     * returns {@code null}.
     */
    String take() {
        if (!ring.isEmpty()) {
            return ring.poll().label;
        }
        return backlog.poll();
    }

    @Override
    public String toString() {
        return "ring=" + ring + " backlog=" + backlog;
    }

    /** A claimed ring entry: the CQE's label and the operation that claimed it. */
    static final class Entry {
        final String label;
        final int owner;

        Entry(String label, int owner) {
            this.label = label;
            this.owner = owner;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
