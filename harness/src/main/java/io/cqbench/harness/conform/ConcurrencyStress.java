package io.cqbench.harness.conform;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Producer threads post multishot runs and terminating CQEs into one poster while a consumer thread
 * reaps and checks every CQE. Per request, CQEs must arrive in posting order and none after the
 * request's terminating CQE. None may be lost, duplicated, altered or read before it was written.
 *
 * <p>Each producer owns its requests. A CQE's {@code user_data} carries a tag, the producer, the
 * request and its arming generation; its {@code res} is a sequence number that starts at 1 for each
 * arming. So the consumer needs no shared record of what was posted: the next CQE of a request must
 * carry the next number. A producer re-arms a request only after the consumer reaped its terminating
 * CQE, as an application does. When the time is up, each producer commits and reports how far each of
 * its requests got, and the consumer must reach exactly that state.
 *
 * <p>A round is fully described by its {@link Round}: the seed fixes ring size, request count and
 * every producer's choices. Thread interleaving is not reproducible, so a failing seed is a starting
 * point for a replay, not a guarantee.
 */
public final class ConcurrencyStress {
    private static final int MAX_BATCH = 64;
    /** Time a hung producer or a starved consumer gets before the round fails. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ConcurrencyStress() {
    }

    /**
     * One stress round.
     *
     * @param producers            producer threads, each with its own {@link CqProducer}
     * @param entries              CQ size, a power of two
     * @param requestsPerProducer  requests each producer keeps armed
     * @param seed                 seed of every random choice of the round
     * @param time                 how long the producers post
     */
    public record Round(int producers, int entries, int requestsPerProducer, long seed, Duration time) {
        @Override
        public String toString() {
            return "producers=" + producers + " entries=" + entries + " requests=" + requestsPerProducer
                + " seed=0x" + Long.toHexString(seed) + " time=" + time.toMillis() + "ms";
        }
    }

    /**
     * The result of a round.
     *
     * @param round        the round
     * @param cqes         CQEs reaped and checked
     * @param terminations terminating CQEs among them
     * @param overflows    CQEs that went to the overflow backlog
     * @param nanos        wall-clock time from start to the end of the drain
     * @param violation    the first broken rule, or {@code null} when the round passed
     */
    public record Outcome(Round round, long cqes, long terminations, long overflows, long nanos, String violation) {
        public boolean passed() {
            return violation == null;
        }
    }

    /**
     * Plans a round from {@code seed}: a CQ of 2 to 1024 entries (at least {@code minEntries}) so that
     * overflow and refusals happen, and 1 to 32 requests per producer.
     */
    public static Round plan(long seed, int producers, int minEntries, Duration time) {
        SplittableRandom random = new SplittableRandom(seed);
        int entries = Math.max(minEntries, 1 << (1 + random.nextInt(10)));
        int requests = 1 + random.nextInt(32);
        return new Round(producers, entries, requests, seed, time);
    }

    /** Runs {@code round} against a new poster of {@code provider} with {@code settings}. */
    public static Outcome run(CqPosterProvider provider, Map<String, String> settings, Round round) {
        if (round.producers() < 1 || round.producers() > 0xFFFF) {
            throw new IllegalArgumentException("producers=" + round.producers() + ": use 1 to 65535");
        }
        if (round.producers() > 1 && provider.producerModel() == ProducerModel.SINGLE) {
            throw new IllegalArgumentException("strategy " + provider.alias() + " takes a single producer; run it with producers=1");
        }
        CqPoster poster = provider.create(CqConfig.of(provider.alias(), provider.settings(), round.entries(), true, settings));
        return new Run(poster, round).execute();
    }

    static long userData(int producer, int request, int generation) {
        return CrossThreadChecker.userData(producer, request, generation);
    }

    /** The state of one round, shared by its threads. */
    private static final class Run implements CqeHandler {
        private final CqPoster poster;
        private final Round round;
        private final int requests;
        /** The consumer's per-request check; its terminalReaped is what producers wait for before re-arming. */
        private final CrossThreadChecker checker;
        private final AtomicReference<String> violation = new AtomicReference<>();
        private volatile boolean stop;

        Run(CqPoster poster, Round round) {
            this.poster = poster;
            this.round = round;
            this.requests = round.requestsPerProducer();
            this.checker = new CrossThreadChecker(round.producers(), requests);
        }

        Outcome execute() {
            long start = System.nanoTime();
            SplittableRandom seeds = new SplittableRandom(round.seed());
            seeds.nextInt();
            seeds.nextInt();
            Producer[] producers = new Producer[round.producers()];
            Thread[] threads = new Thread[producers.length];
            for (int p = 0; p < producers.length; p++) {
                producers[p] = new Producer(p, poster.newProducer(), seeds.nextLong());
                threads[p] = new Thread(producers[p], "cqbench-stress-producer-" + p);
                threads[p].setDaemon(true);
            }
            Thread consumer = new Thread(this::consume, "cqbench-stress-consumer");
            consumer.setDaemon(true);
            consumer.start();
            for (Thread thread : threads) {
                thread.start();
            }

            long end = start + round.time().toNanos();
            long left;
            while (!stop && (left = end - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            }
            stop = true;
            long deadline = System.nanoTime() + GRACE_NANOS;
            for (int p = 0; p < threads.length; p++) {
                if (!join(threads[p], deadline)) {
                    fail("producer " + p + " did not return from " + poster + " within "
                        + TimeUnit.NANOSECONDS.toSeconds(GRACE_NANOS) + " s after the stop: it hangs or deadlocks, at "
                        + topFrames(threads[p]));
                }
            }
            expected = producers;
            if (!join(consumer, System.nanoTime() + GRACE_NANOS + GRACE_NANOS)) {
                fail("the consumer did not finish reaping within " + TimeUnit.NANOSECONDS.toSeconds(2 * GRACE_NANOS)
                    + " s: reap() hangs, at " + topFrames(consumer));
            }
            long nanos = System.nanoTime() - start;
            synchronized (this) {
                return new Outcome(round, checker.reaped(), checker.terminations(), poster.overflowCount(), nanos,
                    violation.get());
            }
        }

        /** Set once every producer returned; the consumer then drains to exactly this state. */
        private volatile Producer[] expected;

        private void consume() {
            long idleSince = 0;
            int idleSpins = 0;
            try {
                while (violation.get() == null) {
                    int count = poster.reap(this, 256);
                    if (count > 0) {
                        idleSince = 0;
                        idleSpins = 0;
                        continue;
                    }
                    Producer[] done = expected;
                    if (done != null) {
                        if (reachedFinalState(done)) {
                            return;
                        }
                        long now = System.nanoTime();
                        if (idleSince == 0) {
                            idleSince = now;
                        } else if (now - idleSince > GRACE_NANOS) {
                            fail(lostMessage(done));
                            return;
                        }
                    }
                    // Producers may outnumber cores: yield soon, so that a waiting consumer does not starve them.
                    if (++idleSpins < 64) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
            } catch (RuntimeException | Error e) {
                fail("reap() threw " + e);
            }
        }

        @Override
        public void onCqe(long userData, int res, int flags) {
            if (violation.get() != null) {
                return;
            }
            String problem = checker.check(userData, res, flags);
            if (problem != null) {
                fail(problem);
            }
        }

        private boolean reachedFinalState(Producer[] done) {
            for (Producer producer : done) {
                for (int r = 0; r < requests; r++) {
                    if (!checker.reachedState(producer.index, r, producer.generations[r], producer.sequences[r])) {
                        return false;
                    }
                }
            }
            return true;
        }

        private String lostMessage(Producer[] done) {
            long missing = 0;
            String first = null;
            for (Producer producer : done) {
                for (int r = 0; r < requests; r++) {
                    if (!checker.reachedState(producer.index, r, producer.generations[r], producer.sequences[r])) {
                        missing++;
                        if (first == null) {
                            first = "producer " + producer.index + " request " + r + " posted up to res "
                                + producer.sequences[r] + " of arming " + (producer.generations[r] & 0xFFFF)
                                + ", " + checker.reapedState(producer.index, r);
                        }
                    }
                }
            }
            return "CQEs lost: " + missing + " request(s) never reached their last posted CQE within "
                + TimeUnit.NANOSECONDS.toSeconds(GRACE_NANOS) + " s after the producers committed and returned; first: " + first
                + " (" + checker.reaped() + " CQEs reaped)";
        }

        private void fail(String message) {
            if (violation.compareAndSet(null, message)) {
                stop = true;
            }
        }

        /** One producer thread: posts runs of multishot CQEs, terminations and commits at random. */
        private final class Producer implements Runnable {
            final int index;
            final CqProducer producer;
            final SplittableRandom random;
            // Written by this thread, read by the consumer after join().
            final int[] generations;
            final int[] sequences;
            final boolean[] terminated;

            Producer(int index, CqProducer producer, long seed) {
                this.index = index;
                this.producer = producer;
                this.random = new SplittableRandom(seed);
                this.generations = new int[requests];
                this.sequences = new int[requests];
                this.terminated = new boolean[requests];
            }

            @Override
            public void run() {
                try {
                    post();
                } catch (RuntimeException | Error e) {
                    fail("producer " + index + " threw " + e);
                }
            }

            private void post() {
                int batch = 1 + random.nextInt(MAX_BATCH);
                int uncommitted = 0;
                int waiting = 0;
                while (!stop) {
                    int r = random.nextInt(requests);
                    if (terminated[r]) {
                        if (checker.terminalReaped(index, r) == generations[r]) {
                            generations[r]++;             // the application re-arms after reaping the end
                            sequences[r] = 0;
                            terminated[r] = false;
                        } else {
                            if (uncommitted > 0) {
                                producer.commit();       // the consumer cannot reap what is not committed
                                uncommitted = 0;
                            }
                            if (++waiting > requests) {
                                Thread.yield();          // every request may be waiting for the consumer
                                waiting = 0;
                            }
                            continue;
                        }
                    }
                    waiting = 0;
                    long userData = userData(index, r, generations[r]);
                    int res = ++sequences[r];
                    if (random.nextInt(100) < 96) {
                        if (!producer.postMultishot(userData, res, Cqe.F_MORE)) {
                            producer.postTerminal(userData, res, 0);   // refused: the request ends here
                            terminated[r] = true;
                        }
                    } else {
                        producer.postTerminal(userData, res, 0);
                        terminated[r] = true;
                    }
                    if (++uncommitted >= batch) {
                        producer.commit();
                        uncommitted = 0;
                        batch = 1 + random.nextInt(MAX_BATCH);
                    }
                }
                producer.commit();
            }
        }
    }

    private static boolean join(Thread thread, long deadline) {
        try {
            long left;
            while (thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private static String topFrames(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < Math.min(3, stack.length); i++) {
            frames.append(i == 0 ? "" : " < ").append(stack[i]);
        }
        return frames.length() == 0 ? "an unknown frame" : frames.toString();
    }
}
