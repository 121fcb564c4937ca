package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqeHandler;

/** The application's reap step, shared by the single-thread workloads. */
final class ReapLoop {
    /**
     * Empty reaps tolerated before the CQEs still missing count as lost. Producer and consumer share a
     * thread, so after a commit everything posted is visible and the first empty reap already means a
     * CQE is missing; the margin only guards strategies that publish lazily.
     */
    private static final int EMPTY_REAPS_BEFORE_LOST = 1_000;

    private ReapLoop() {
    }

    /**
     * Reaps exactly {@code expected} CQEs into {@code handler}. When the poster runs dry first, the
     * verifier reports which posted CQEs never arrived.
     */
    static void reapExactly(CqPoster poster, CqeHandler handler, OrderingVerifier verifier, int expected) {
        int reaped = 0;
        int emptyReaps = 0;
        while (reaped < expected) {
            int count = poster.reap(handler, expected - reaped);
            if (count == 0) {
                if (++emptyReaps == EMPTY_REAPS_BEFORE_LOST) {
                    verifier.checkDrained();
                    throw new IllegalStateException(poster + ": expected " + expected + " CQEs, reaped " + reaped
                        + " and the CQ stayed empty, although the verifier found nothing unreaped");
                }
                Thread.onSpinWait();
            } else {
                emptyReaps = 0;
                reaped += count;
            }
        }
    }

    /** Reaps until the poster returns nothing, then checks that every posted CQE arrived. */
    static void drainAndCheck(CqPoster poster, CqeHandler handler, OrderingVerifier verifier) {
        while (poster.reap(handler, Integer.MAX_VALUE) > 0) {
            // keep reaping
        }
        verifier.checkDrained();
    }
}
