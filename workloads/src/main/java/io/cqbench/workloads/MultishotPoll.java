package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The batching patch's microbenchmark without the pipe: {@code requests} multishot polls armed on one
 * file. Each event (one byte written to the pipe) makes every armed request post one {@code F_MORE}
 * CQE in one task-work batch; the application reaps them all and re-arms every request whose CQE lacked
 * {@code F_MORE}.
 *
 * <p>Check value: the kernel puts the poll mask ({@code POLLIN}) in {@code res}; this model also puts a
 * 15-bit per-request event count in bits 16 to 30, which the kernel leaves zero, so a lost, duplicated
 * or reordered CQE no longer matches what the verifier expects.
 *
 * <p>Terminations: a multishot CQE refused for lack of room ends the request with that event's CQE
 * without {@code F_MORE}. With {@code cancelEvery = N > 0}, every N-th event also cancels one request
 * right after its event CQE, in the same task-work batch, so its {@code -ECANCELED} CQE must follow a
 * multishot CQE that a batching strategy may still hold privately.
 *
 * <p>{@link #event(int)} posts at most a given number of CQEs, so a benchmark invocation can post an
 * exact count: the last event of an invocation may reach only some of the requests.
 */
final class MultishotPoll {
    private final CqPoster poster;
    private final CqProducer producer;
    private final OrderingVerifier verifier;
    private final int requests;
    private final int cancelEvery;
    private final int workPerCqe;
    private final long[] userData;
    private final int[] eventCount;
    private long events;
    private long terminationsSeen;

    MultishotPoll(CqPoster poster, OrderingVerifier verifier, int requests, int cancelEvery, int workPerCqe) {
        this.poster = poster;
        this.producer = poster.newProducer();
        this.verifier = verifier;
        this.requests = requests;
        this.cancelEvery = cancelEvery;
        this.workPerCqe = workPerCqe;
        this.userData = new long[requests];
        this.eventCount = new int[requests];
        for (int request = 0; request < requests; request++) {
            userData[request] = request;
            verifier.arm(request);
        }
    }

    /**
     * Runs one event: every request posts one CQE in one batch (until {@code budget} CQEs are posted),
     * then commit, reap all, re-arm. Returns how many CQEs were posted and reaped.
     */
    int event(int budget) {
        long event = ++events;
        int cancelled = cancelEvery > 0 && event % cancelEvery == 0 ? (int) ((event / cancelEvery) % requests) : -1;
        int posted = 0;
        for (int request = 0; request < requests && posted < budget; request++) {
            if (workPerCqe > 0) {
                Blackhole.consumeCPU(workPerCqe);
            }
            long ud = userData[request];
            int res = Cqe.POLLIN | ((eventCount[request]++ & 0x7FFF) << 16);
            posted++;
            if (!producer.postMultishot(ud, res, Cqe.F_MORE)) {
                terminate(ud, res);                        // no room: the event ends the request
            } else {
                verifier.posted(ud, res, Cqe.F_MORE);
                if (request == cancelled && posted < budget) {
                    terminate(ud, Cqe.ECANCELED);          // cancelled in the same batch
                    posted++;
                }
            }
        }
        producer.commit();
        ReapLoop.reapExactly(poster, verifier, verifier, posted);
        rearmTerminated();
        return posted;
    }

    private void terminate(long ud, int res) {
        producer.postTerminal(ud, res, 0);
        verifier.posted(ud, res, 0);
    }

    private void rearmTerminated() {
        if (verifier.terminations() == terminationsSeen) {
            return;
        }
        terminationsSeen = verifier.terminations();
        for (int request = 0; request < requests; request++) {
            if (!verifier.isArmed(userData[request])) {
                // A new arming gets a new user_data: the generation in the high 32 bits lets the verifier
                // tell a late CQE of the old arming from one of the new.
                userData[request] += 1L << 32;
                verifier.arm(userData[request]);
            }
        }
    }

    /** Commits, reaps everything and checks that every posted CQE was reaped. */
    void drainAndCheck() {
        producer.commit();
        ReapLoop.drainAndCheck(poster, verifier, verifier);
    }

    OrderingVerifier verifier() {
        return verifier;
    }

    CqPoster poster() {
        return poster;
    }
}
