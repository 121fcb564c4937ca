package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One request's round trip through the CQ: its CQE is posted, the application reaps it and answers, and
 * the answer (a send on an echo connection, say) is what makes the next CQE of that request. Request 0
 * is the measured one; requests 1 to {@code batch - 1} stand for other completions of the same task-work
 * batch, so each batch is {@code batch} multishot CQEs and one commit, the measured CQE first.
 *
 * <p>A round trip ({@link #roundTrip()}) posts the measured CQE, then lets the application look at the
 * CQ (one reap of everything visible). Until the measured CQE has been reaped, the producer goes on with
 * the next step of its batch (the next CQE, or at the end the commit) and the application looks again.
 * A strategy that publishes each CQE at once ends the round trip after one post; a strategy that holds
 * CQEs until the commit ends it after the whole batch, and that difference is the hold time. The rest of
 * the batch is posted by {@link #finishBatch()}, outside the measured time, as a producer on another
 * core would post it while the application handles its CQE.
 *
 * <p>Check value: {@code res} is a 31-bit per-request count, so a lost, duplicated or reordered CQE no
 * longer matches what the verifier expects. A multishot CQE refused for lack of room terminates its
 * request with that CQE; the application re-arms the request under a new generation.
 */
final class RoundTrip {
    private static final int MEASURED = 0;

    private final CqPoster poster;
    private final CqProducer producer;
    private final OrderingVerifier verifier;
    private final int batch;
    private final int workPerCqe;
    private final long[] userData;
    private final int[] eventCount;
    private final CqeHandler application = this::onCqe;
    /** The next request of the current batch to post; {@code batch} once all are posted. */
    private int nextRequest;
    private boolean committed = true;
    private boolean measuredReaped;
    private long terminationsSeen;
    private long answers;

    RoundTrip(CqPoster poster, OrderingVerifier verifier, int batch, int workPerCqe) {
        this.poster = poster;
        this.producer = poster.newProducer();
        this.verifier = verifier;
        this.batch = batch;
        this.workPerCqe = workPerCqe;
        this.userData = new long[batch];
        this.eventCount = new int[batch];
        for (int request = 0; request < batch; request++) {
            userData[request] = request;
            verifier.arm(request);
        }
        nextRequest = batch;
    }

    /**
     * Runs one round trip: posts the measured CQE as the first of a new batch, and continues the batch
     * only until the application has reaped that CQE; then the application answers. Call
     * {@link #finishBatch()} before the next round trip.
     */
    void roundTrip() {
        if (!committed || nextRequest < batch) {
            throw new IllegalStateException("the previous batch is unfinished; call finishBatch() after each round trip");
        }
        nextRequest = 0;
        committed = false;
        measuredReaped = false;
        postNext();
        poster.reap(application, Integer.MAX_VALUE);
        while (!measuredReaped) {
            if (nextRequest < batch) {
                postNext();
            } else if (!committed) {
                commit();
            } else {
                // Everything is committed: the measured CQE is visible unless the strategy lost it.
                reapOutstanding();
                if (!measuredReaped) {
                    throw new IllegalStateException(poster + ": the measured CQE was not reaped after its batch was"
                        + " committed, although the verifier found nothing unreaped");
                }
                break;
            }
            poster.reap(application, Integer.MAX_VALUE);
        }
        answer();
    }

    /** Posts the rest of the current batch, commits it, reaps every CQE still unreaped and re-arms terminated requests. */
    void finishBatch() {
        while (nextRequest < batch) {
            postNext();
        }
        if (!committed) {
            commit();
        }
        reapOutstanding();
        rearmTerminated();
    }

    private void postNext() {
        int request = nextRequest++;
        if (workPerCqe > 0) {
            Blackhole.consumeCPU(workPerCqe);
        }
        long ud = userData[request];
        int res = eventCount[request]++ & 0x7FFF_FFFF;
        if (producer.postMultishot(ud, res, Cqe.F_MORE)) {
            verifier.posted(ud, res, Cqe.F_MORE);
        } else {
            producer.postTerminal(ud, res, 0);          // no room: this CQE ends the request
            verifier.posted(ud, res, 0);
        }
    }

    private void commit() {
        producer.commit();
        committed = true;
    }

    private void onCqe(long ud, int res, int flags) {
        verifier.onCqe(ud, res, flags);
        if (ud == userData[MEASURED]) {
            measuredReaped = true;
        }
    }

    /** The application's answer to the measured CQE: re-arm its request if that CQE terminated it. */
    private void answer() {
        answers++;
        if (!verifier.isArmed(userData[MEASURED])) {
            rearm(MEASURED);
        }
    }

    private void reapOutstanding() {
        ReapLoop.reapExactly(poster, application, verifier, (int) (verifier.postedCount() - verifier.verified()));
    }

    private void rearmTerminated() {
        if (verifier.terminations() == terminationsSeen) {
            return;
        }
        terminationsSeen = verifier.terminations();
        for (int request = 1; request < batch; request++) {
            if (!verifier.isArmed(userData[request])) {
                rearm(request);
            }
        }
    }

    private void rearm(int request) {
        // A new generation in the high 32 bits lets the verifier tell a late CQE of the old arming from the new.
        userData[request] += 1L << 32;
        verifier.arm(userData[request]);
    }

    /** Finishes the current batch, reaps everything and checks that every posted CQE was reaped. */
    void drainAndCheck() {
        finishBatch();
        ReapLoop.drainAndCheck(poster, application, verifier);
    }

    /** Returns how many round trips were answered. */
    long answers() {
        return answers;
    }

    OrderingVerifier verifier() {
        return verifier;
    }

    CqPoster poster() {
        return poster;
    }
}
