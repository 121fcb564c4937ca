package io.cqbench.workloads;

import io.cqbench.harness.OrderingViolation;
import io.cqbench.harness.conform.CrossThreadChecker;
import io.cqbench.model.CqWaitQueue;
import io.cqbench.model.EventFd;
import io.cqbench.model.PostSignals;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Several producer threads and one consumer thread on one CQ, the ring outside task work: a task-work
 * producer posts batches of multishot CQEs and commits once per batch, while io-wq-style workers post
 * single-shot completions that each commit on their own, as the kernel's {@code io_req_complete_post}
 * does for a request finished by an io-wq worker. The application reaps on its own thread.
 *
 * <p>Producer thread 0 is the task-work producer and threads 1 and up are io-wq workers. With a single
 * producer thread, that thread also does the io-wq workers' posting after each batch, through a second
 * {@link CqProducer}, as a worker time-sliced on the same CPU would.
 *
 * <p>Every CQE is checked on the consumer thread by a {@link CrossThreadChecker}: per producer and
 * request, in posting order, nothing lost, duplicated or altered. A multishot request ends when the CQ
 * refuses a CQE, and a single-shot request with its only CQE. A producer re-arms a request only after
 * the consumer reaped its terminating CQE. {@link #drainAndCheck} reaps what is left and checks that
 * every request reached exactly the state its producer left it in.
 *
 * <p>Post-to-reap latency: a producer stores {@link System#nanoTime()} in its own array before posting,
 * at an index given by the request and the CQE's sequence number, so nothing is allocated per CQE.
 * The consumer takes the time once after each reap that returned CQEs and records the difference for
 * each of them in an HdrHistogram. Both costs are the same for every strategy.
 */
final class IowqMixed {
    /** The consumer's way of waiting when the CQ is empty. */
    enum Wait {
        SPIN, YIELD, BACKOFF, PARK;

        static Wait parse(String value) {
            try {
                return valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid wait=" + value + ": expected spin, yield, backoff or park");
            }
        }
    }

    /** CQEs the consumer takes per reap call. */
    static final int REAP_LIMIT = 256;
    /** Largest latency the histogram tracks; larger values are recorded as this. */
    private static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int TASK_WORK = 0;

    private final CqPoster poster;
    private final String context;
    private final CrossThreadChecker checker;
    private final Producer[] producers;
    private final int batch;
    private final boolean singleProducerThread;
    private final Histogram latency = new Histogram(MAX_TRACKED_NANOS, 3);
    private final long parkTimeoutNanos;

    // Consumer-only state.
    private final Wait wait;
    private final IdleStrategy idle;
    private final CqWaitQueue waitQueue;
    private final EventFd eventFd;
    private final long[] reapedStamps = new long[REAP_LIMIT];
    private int reapedCount;
    private final CqeHandler handler = this::onCqe;
    private final BooleanSupplier reapWhileRegistered = () -> reap() > 0;
    private long reaped;

    /**
     * @param poster           the CQ under test, a strategy that accepts several producers
     * @param context          the strategy and workload parameters, for violation messages
     * @param producerThreads  threads that will call {@link #produce}: 1 task-work producer, the rest io-wq workers
     * @param requests         multishot requests of the task-work producer
     * @param workerRequests   single-shot requests each io-wq worker keeps in flight
     * @param batch            multishot CQEs per task-work batch, and single-shot CQEs per worker call
     * @param entries          CQ entries; sizes the timestamp arrays
     * @param wait             how the consumer waits when the CQ is empty
     * @param parkTimeoutNanos longest sleep in {@link Wait#PARK}, so the consumer notices the end of an iteration
     */
    IowqMixed(CqPoster poster, String context, int producerThreads, int requests, int workerRequests, int batch,
              int entries, Wait wait, long parkTimeoutNanos) {
        if (producerThreads < 1) {
            throw new IllegalArgumentException("producerThreads=" + producerThreads + ": need at least 1");
        }
        this.poster = poster;
        this.context = context;
        this.batch = batch;
        this.singleProducerThread = producerThreads == 1;
        this.wait = wait;
        this.parkTimeoutNanos = parkTimeoutNanos;
        PostSignals signals = poster.postSignals();
        this.waitQueue = signals != null ? signals.waitQueue() : null;
        this.eventFd = signals != null ? signals.eventFd() : null;
        if (wait == Wait.PARK && waitQueue == null) {
            throw new IllegalArgumentException("wait=park is not applicable to " + poster + ": its postSignals() is null,"
                + " so no commit can wake a sleeping consumer; use wait=spin, yield or backoff");
        }
        this.idle = wait == Wait.SPIN ? new BusySpinIdleStrategy()
            : wait == Wait.YIELD ? new YieldingIdleStrategy()
            : new BackoffIdleStrategy();
        int producerCount = Math.max(2, producerThreads);
        this.checker = new CrossThreadChecker(producerCount, Math.max(requests, workerRequests));
        this.producers = new Producer[producerCount];
        // A multishot request has at most the ring's entries, a batch and its terminating CQE in flight.
        int multishotDepth = Integer.highestOneBit(2 * (entries + batch) + 1) << 1;
        producers[TASK_WORK] = new Producer(TASK_WORK, poster.newProducer(), requests, multishotDepth);
        for (int p = 1; p < producerCount; p++) {
            producers[p] = new Producer(p, poster.newProducer(), workerRequests, 1);
        }
    }

    /**
     * Runs one step of producer thread {@code thread}: one task-work batch for thread 0 (followed by
     * the io-wq postings when it is the only producer thread), one round of single-shot completions for
     * the others. Returns how many CQEs it posted; 0 when every request waits for the consumer.
     */
    int produce(int thread) {
        if (thread != TASK_WORK) {
            return ioWorkerRound(producers[thread]);
        }
        int posted = taskWorkBatch(producers[TASK_WORK]);
        if (singleProducerThread) {
            posted += ioWorkerRound(producers[1]);
        }
        return posted;
    }

    private int taskWorkBatch(Producer producer) {
        int posted = 0;
        long now = System.nanoTime();
        for (int r; posted < batch && (r = producer.nextArmedRequest()) >= 0; ) {
            long userData = CrossThreadChecker.userData(producer.index, r, producer.generations[r]);
            int res = ++producer.sequences[r];
            producer.stamp(r, res, now);
            if (!producer.cq.postMultishot(userData, res, Cqe.F_MORE)) {
                producer.cq.postTerminal(userData, res, 0);    // the CQ had no room: the request ends here
                producer.terminated[r] = true;
            }
            posted++;
        }
        if (posted > 0) {
            producer.cq.commit();
        }
        return posted;
    }

    private int ioWorkerRound(Producer producer) {
        int posted = 0;
        for (int r; posted < batch && (r = producer.nextArmedRequest()) >= 0; ) {
            long userData = CrossThreadChecker.userData(producer.index, r, producer.generations[r]);
            int res = ++producer.sequences[r];
            producer.stamp(r, res, System.nanoTime());
            producer.cq.postTerminal(userData, res, 0);       // a single-shot completion: its only CQE
            producer.cq.commit();                             // io_req_complete_post commits every CQE
            producer.terminated[r] = true;
            posted++;
        }
        return posted;
    }

    /**
     * Consumer: reaps once, and waits in the configured way when nothing was there. Returns the CQEs
     * reaped, including those reaped while registered on the wait queue.
     */
    int consume() {
        int count = reap();
        if (count > 0) {
            idle.reset();
            return count;
        }
        if (wait == Wait.PARK) {
            long before = reaped;
            waitQueue.await(reapWhileRegistered, parkTimeoutNanos);
            return (int) (reaped - before);
        }
        idle.idle();
        return 0;
    }

    /** Reaps up to {@link #REAP_LIMIT} CQEs, checking each, then records their latency. */
    private int reap() {
        reapedCount = 0;
        int count = poster.reap(handler, REAP_LIMIT);
        if (count > 0) {
            long now = System.nanoTime();
            for (int i = 0; i < reapedCount; i++) {
                latency.recordValue(Math.min(MAX_TRACKED_NANOS, Math.max(0, now - reapedStamps[i])));
            }
            reaped += count;
        }
        return count;
    }

    private void onCqe(long userData, int res, int flags) {
        String problem = checker.check(userData, res, flags);
        if (problem != null) {
            throw new OrderingViolation("ordering violation in " + context + ": " + problem, userData, checker.reaped() - 1);
        }
        Producer producer = producers[CrossThreadChecker.producerOf(userData)];
        reapedStamps[reapedCount++] = producer.stamp(CrossThreadChecker.requestOf(userData), res);
    }

    /**
     * Consumer, after the producers stopped: reaps until every request reached the state its producer
     * left it in. Throws when that does not happen within {@code timeoutNanos} of CQs staying empty.
     */
    void drainAndCheck(long timeoutNanos) {
        long idleSince = System.nanoTime();
        while (!reachedFinalState()) {
            if (reap() > 0) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > timeoutNanos) {
                throw new OrderingViolation("ordering violation in " + context + ": CQEs lost: " + lostMessage(), 0,
                    checker.reaped());
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private boolean reachedFinalState() {
        for (Producer producer : producers) {
            for (int r = 0; r < producer.requests; r++) {
                if (!checker.reachedState(producer.index, r, producer.generations[r], producer.sequences[r])) {
                    return false;
                }
            }
        }
        return true;
    }

    private String lostMessage() {
        long missing = 0;
        String first = null;
        for (Producer producer : producers) {
            for (int r = 0; r < producer.requests; r++) {
                if (!checker.reachedState(producer.index, r, producer.generations[r], producer.sequences[r])) {
                    missing++;
                    if (first == null) {
                        first = "producer " + producer.index + " request " + r + " posted up to res "
                            + producer.sequences[r] + " of arming " + (producer.generations[r] & 0xFFFF) + ", "
                            + checker.reapedState(producer.index, r);
                    }
                }
            }
        }
        return missing + " request(s) never reached their last posted CQE after the producers stopped; first: " + first
            + " (" + checker.reaped() + " CQEs reaped)";
    }

    /** Returns the latency histogram, in nanoseconds; written by the consumer thread. */
    Histogram latency() {
        return latency;
    }

    /** Returns CQEs reaped and checked. */
    long reaped() {
        return reaped;
    }

    long terminations() {
        return checker.terminations();
    }

    /** Returns how many commits woke a sleeping consumer, or 0 when the poster has no wait queue. */
    long wakeUps() {
        return waitQueue != null ? waitQueue.wakeUps() : 0;
    }

    /** Returns how many times commits signalled the eventfd, or 0 without one. */
    long eventFdSignals() {
        return eventFd != null ? eventFd.signals() : 0;
    }

    CqPoster poster() {
        return poster;
    }

    /** One producer's requests: written by its thread, read by the consumer only after the producers stopped. */
    private final class Producer {
        final int index;
        final CqProducer cq;
        final int requests;
        final int[] generations;
        final int[] sequences;
        final boolean[] terminated;
        /** Post times, per request {@code depth} slots indexed by the CQE's sequence number. */
        final long[] stamps;
        final int depthMask;
        final int depthShift;
        int cursor;

        Producer(int index, CqProducer cq, int requests, int depth) {
            this.index = index;
            this.cq = cq;
            this.requests = requests;
            this.generations = new int[requests];
            this.sequences = new int[requests];
            this.terminated = new boolean[requests];
            this.stamps = new long[requests * depth];
            this.depthMask = depth - 1;
            this.depthShift = Integer.numberOfTrailingZeros(depth);
        }

        /**
         * Returns the next request, round robin, that may post, re-arming one whose terminating CQE the
         * consumer reaped; -1 when every request waits for the consumer.
         */
        int nextArmedRequest() {
            for (int i = 0; i < requests; i++) {
                int r = cursor;
                cursor = r + 1 == requests ? 0 : r + 1;
                if (armed(r)) {
                    return r;
                }
            }
            return -1;
        }

        /** Returns whether request {@code r} may post, re-arming it once the consumer reaped its end. */
        private boolean armed(int r) {
            if (!terminated[r]) {
                return true;
            }
            if (checker.terminalReaped(index, r) != generations[r]) {
                return false;                                 // the application has not seen its end yet
            }
            generations[r]++;
            sequences[r] = 0;
            terminated[r] = false;
            return true;
        }

        void stamp(int request, int res, long nanos) {
            stamps[(request << depthShift) | (res & depthMask)] = nanos;
        }

        long stamp(int request, int res) {
            return stamps[(request << depthShift) | (res & depthMask)];
        }
    }
}
