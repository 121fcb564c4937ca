package io.cqbench.harness.conform;

import io.cqbench.spi.Cqe;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The consumer's check of CQEs that producer threads post concurrently, with no shared record of what
 * was posted. Each producer owns {@code requestsPerProducer} requests. A CQE's {@code user_data}
 * carries a tag, the producer, the request and its arming generation (see {@link #userData}); its
 * {@code res} is a sequence number that starts at 1 for each arming, and its {@code flags} are
 * {@link Cqe#F_MORE} or 0 (terminating). So the next CQE of a request must carry the next number,
 * and a new arming may only start after the previous one's terminating CQE.
 *
 * <p>{@link #check} runs on the consumer thread only. {@link #terminalReaped} is the one value shared
 * with producers: a producer re-arms a request only after the consumer reaped its terminating CQE.
 */
public final class CrossThreadChecker {
    private static final long TAG = 0x5CL;

    private final int producers;
    private final int requests;
    /** Per producer and request: the arming generation whose terminating CQE the consumer reaped, or -1. */
    private final AtomicIntegerArray terminalReaped;

    // Consumer-only state, per producer and request.
    private final int[] generation;
    private final int[] lastSeq;
    private final boolean[] ended;
    private long reaped;
    private long terminations;

    public CrossThreadChecker(int producers, int requestsPerProducer) {
        if (producers < 1 || producers > 0xFFFF) {
            throw new IllegalArgumentException("producers=" + producers + ": use 1 to 65535");
        }
        if (requestsPerProducer < 1 || requestsPerProducer > 0xFF_FFFF) {
            throw new IllegalArgumentException("requestsPerProducer=" + requestsPerProducer + ": use 1 to 16777215");
        }
        this.producers = producers;
        this.requests = requestsPerProducer;
        int slots = producers * requestsPerProducer;
        this.terminalReaped = new AtomicIntegerArray(slots);
        for (int i = 0; i < slots; i++) {
            terminalReaped.set(i, -1);
        }
        this.generation = new int[slots];
        this.lastSeq = new int[slots];
        this.ended = new boolean[slots];
    }

    /** Returns the {@code user_data} of {@code request} of {@code producer} in arming {@code generation}. */
    public static long userData(int producer, int request, int generation) {
        return TAG << 56 | (long) producer << 40 | (long) request << 16 | (generation & 0xFFFF);
    }

    /** Returns the producer encoded in {@code userData}. */
    public static int producerOf(long userData) {
        return (int) ((userData >>> 40) & 0xFFFF);
    }

    /** Returns the request encoded in {@code userData}. */
    public static int requestOf(long userData) {
        return (int) ((userData >>> 16) & 0xFF_FFFF);
    }

    static String describe(long userData) {
        return "producer " + producerOf(userData) + " request " + requestOf(userData) + " arming " + (userData & 0xFFFF);
    }

    /**
     * Checks one reaped CQE against the previous one of its request and records it. Returns
     * {@code null} when it is the expected next CQE, otherwise the broken rule.
     */
    public String check(long userData, int res, int flags) {
        reaped++;
        int producer = producerOf(userData);
        int request = requestOf(userData);
        if (userData >>> 56 != TAG || producer >= producers || request >= requests) {
            return "reaped " + Cqe.format(userData, res, flags) + ", which no producer posted: a torn or"
                + " never-written entry, or an entry read before its fields were written";
        }
        if (flags != Cqe.F_MORE && flags != 0) {
            return "reaped " + Cqe.format(userData, res, flags) + " (" + describe(userData)
                + ") with flags no producer set: the CQE was altered";
        }

        int slot = producer * requests + request;
        int armed = generation[slot];
        if ((userData & 0xFFFF) != (armed & 0xFFFF)) {
            if (ended[slot] && (userData & 0xFFFF) == ((armed + 1) & 0xFFFF)) {
                generation[slot] = armed + 1;
                lastSeq[slot] = 0;
                ended[slot] = false;
            } else {
                return "reaped " + Cqe.format(userData, res, flags) + " (" + describe(userData) + ") while arming "
                    + (armed & 0xFFFF) + " is current: a stale entry of an earlier lap of the ring, read before its"
                    + " fields were written, or a CQE that overtook its request's terminating CQE";
            }
        } else if (ended[slot]) {
            return "reaped " + Cqe.format(userData, res, flags) + " (" + describe(userData)
                + ") after its terminating CQE: duplicated, or overtaken by the terminating CQE";
        }

        int previous = lastSeq[slot];
        if (res != previous + 1) {
            if (res <= previous) {
                return "res went back from " + previous + " to " + res + " for " + describe(userData)
                    + ": a duplicated CQE, or a stale entry read before its fields were written";
            }
            return "res jumped from " + previous + " to " + res + " for " + describe(userData)
                + ": CQE(s) " + (previous + 1) + ".." + (res - 1) + " were lost or overtaken";
        }

        lastSeq[slot] = res;
        if (flags == 0) {
            ended[slot] = true;
            terminations++;
            terminalReaped.lazySet(slot, generation[slot]);
        }
        return null;
    }

    /**
     * Returns the arming generation of {@code request} of {@code producer} whose terminating CQE the
     * consumer reaped, or -1. Producers read it from their own threads.
     */
    public int terminalReaped(int producer, int request) {
        return terminalReaped.get(producer * requests + request);
    }

    /**
     * Returns whether the consumer has reaped {@code request} of {@code producer} up to CQE
     * {@code sequence} of arming {@code armingGeneration}, the producer's final state.
     */
    public boolean reachedState(int producer, int request, int armingGeneration, int sequence) {
        int slot = producer * requests + request;
        return generation[slot] == armingGeneration && lastSeq[slot] == sequence;
    }

    /** Describes how far the consumer got with {@code request} of {@code producer}. */
    public String reapedState(int producer, int request) {
        int slot = producer * requests + request;
        return "reaped up to res " + lastSeq[slot] + " of arming " + (generation[slot] & 0xFFFF);
    }

    /** Returns CQEs checked so far. */
    public long reaped() {
        return reaped;
    }

    /** Returns terminating CQEs among them. */
    public long terminations() {
        return terminations;
    }

    public int producers() {
        return producers;
    }

    public int requestsPerProducer() {
        return requests;
    }
}
