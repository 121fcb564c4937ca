package io.cqbench.strategies.lincheck;

import io.cqbench.spi.Cqe;

/**
 * The CQEs the Lincheck checks post, shared by the checked posters and the sequential specification
 * so that both produce the same result values.
 *
 * <p>Each producer owns one request at a time. Its {@code user_data} is the producer number in the
 * upper 32 bits and the request's generation in the lower ones. The generation grows when the request
 * terminates and the producer re-arms it. {@code res} is the producer's sequence number of the event,
 * so every CQE a run posts is distinct.
 */
final class CheckedCqe {
    static final int PRODUCER_A = 0;
    static final int PRODUCER_B = 1;
    static final int PRODUCERS = 2;

    /** The result of a reap that found no CQE. */
    static final String NONE = "none";

    private CheckedCqe() {
    }

    static long userData(int producer, int generation) {
        return ((long) (producer + 1) << 32) | generation;
    }

    /** Returns the producer number encoded in {@code userData}, or -1 when it names no producer. */
    static int producer(long userData) {
        int producer = (int) (userData >>> 32) - 1;
        return producer >= 0 && producer < PRODUCERS ? producer : -1;
    }

    /**
     * Formats a CQE for Lincheck's results and traces, such as {@code A0:3 more} for request A,
     * generation 0, event 3, with {@code F_MORE}. The word {@code end} marks a terminating CQE.
     */
    static String label(long userData, int res, int flags) {
        int producer = producer(userData);
        if (producer < 0) {
            return "unknown " + Cqe.format(userData, res, flags);
        }
        char name = (char) ('A' + producer);
        int generation = (int) userData;
        String kind;
        if (flags == Cqe.F_MORE) {
            kind = "more";
        } else if (flags == 0) {
            kind = "end";
        } else {
            kind = "flags=0x" + Integer.toHexString(flags);
        }
        return name + Integer.toString(generation) + ":" + res + " " + kind;
    }
}
