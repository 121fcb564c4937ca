package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.trace.CqeStream;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Replays one ring's CQ stream from a real capture through a strategy: the same {@code user_data},
 * {@code res} and {@code flags}, CQE by CQE, with the capture's batch boundaries. CQEs with
 * {@code F_MORE} are posted as multishot CQEs, the others as terminating CQEs. After each batch the
 * application reaps everything; a request whose terminating CQE was reaped is re-armed just before its
 * next CQE, where the capture had its {@code io_uring_submit_req}.
 *
 * <p>The verifier keeps the capture's CQEs as the expected stream, so a strategy that loses, duplicates
 * or reorders any CQE of a request fails. At the end of the stream the replay starts over.
 * {@link #batch(int)} posts at most a given number of CQEs, so a benchmark invocation can post an exact
 * count; a batch cut by that limit is committed in two parts.
 */
final class TraceReplay {
    private final CqPoster poster;
    private final CqProducer producer;
    private final OrderingVerifier verifier;
    private final CqeStream stream;
    private final int workPerCqe;
    /** Per request: whether its terminating CQE is posted but not yet reaped. */
    private final boolean[] terminationUnreaped;
    private final int[] unreapedTerminations;
    private int unreapedTerminationCount;
    private int cursor;
    private int batch;
    private int unreaped;

    TraceReplay(CqPoster poster, OrderingVerifier verifier, CqeStream stream, int workPerCqe) {
        this.poster = poster;
        this.producer = poster.newProducer();
        this.verifier = verifier;
        this.stream = stream;
        this.workPerCqe = workPerCqe;
        this.terminationUnreaped = new boolean[stream.requests()];
        this.unreapedTerminations = new int[stream.requests()];
        boolean[] armed = new boolean[stream.requests()];
        for (int i = 0; i < stream.size(); i++) {
            // Every request starts armed, as if submitted before the capture began.
            if (!armed[stream.request(i)]) {
                armed[stream.request(i)] = true;
                verifier.arm(stream.userData(i));
            }
        }
    }

    /**
     * Replays the rest of the current batch, at most {@code budget} CQEs, then commits and reaps. Returns
     * how many CQEs were posted and reaped.
     */
    int batch(int budget) {
        int end = Math.min(stream.batchEnd(batch), cursor + budget);
        int posted = end - cursor;
        for (; cursor < end; cursor++) {
            if (workPerCqe > 0) {
                Blackhole.consumeCPU(workPerCqe);
            }
            post(cursor);
        }
        producer.commit();
        reapUnreaped();
        if (cursor == stream.batchEnd(batch)) {
            batch++;
            if (batch == stream.batches()) {
                batch = 0;
                cursor = 0;
            }
        }
        return posted;
    }

    private void post(int i) {
        int request = stream.request(i);
        long userData = stream.userData(i);
        if (terminationUnreaped[request]) {
            // The capture re-armed this request within one batch: the application must have reaped the
            // terminating CQE first, so commit and reap what is posted so far.
            producer.commit();
            reapUnreaped();
        }
        if (!verifier.isArmed(userData)) {
            verifier.arm(userData);
        }
        int res = stream.res(i);
        int flags = stream.flags(i);
        if (Cqe.hasMore(flags)) {
            if (!producer.postMultishot(userData, res, flags)) {
                throw new IllegalStateException(poster + " refused multishot CQE " + i + " of the capture ("
                    + Cqe.format(userData, res, flags) + ") for lack of room; raise -p entries to at least "
                    + stream.maxBatch() + ", the capture's largest batch");
            }
        } else {
            producer.postTerminal(userData, res, flags);
            terminationUnreaped[request] = true;
            unreapedTerminations[unreapedTerminationCount++] = request;
        }
        verifier.posted(userData, res, flags);
        unreaped++;
    }

    private void reapUnreaped() {
        ReapLoop.reapExactly(poster, verifier, verifier, unreaped);
        clearUnreaped();
    }

    private void clearUnreaped() {
        unreaped = 0;
        for (int i = 0; i < unreapedTerminationCount; i++) {
            terminationUnreaped[unreapedTerminations[i]] = false;
        }
        unreapedTerminationCount = 0;
    }

    /** Commits, reaps everything and checks that every posted CQE was reaped. */
    void drainAndCheck() {
        producer.commit();
        ReapLoop.drainAndCheck(poster, verifier, verifier);
        clearUnreaped();
    }

    OrderingVerifier verifier() {
        return verifier;
    }

    CqPoster poster() {
        return poster;
    }
}
