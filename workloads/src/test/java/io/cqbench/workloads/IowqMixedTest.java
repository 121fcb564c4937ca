package io.cqbench.workloads;

import io.cqbench.harness.OrderingViolation;
import io.cqbench.harness.Strategies;
import io.cqbench.harness.broken.DropsOneProvider;
import io.cqbench.harness.broken.DuplicatesOneProvider;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.ProducerModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code iowq-mixed} model with real threads, outside JMH: producer threads and a consumer thread
 * run for a fixed time, then the test drains the CQ and checks every request's final state.
 */
class IowqMixedTest {
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long MAX_RUN_NANOS = TimeUnit.SECONDS.toNanos(30);

    static Stream<String> manyProducerStrategies() {
        return Strategies.load().all().stream()
            .filter(provider -> provider.producerModel() == ProducerModel.MANY)
            .map(CqPosterProvider::alias);
    }

    private static IowqMixed workload(CqPoster poster, int producerThreads, int entries, IowqMixed.Wait wait,
                                      long parkTimeoutNanos) {
        return new IowqMixed(poster, "strategy " + poster + ", workload iowq-mixed", producerThreads, 16, 16, 8, entries,
            wait, parkTimeoutNanos);
    }

    private static CqPoster poster(String alias, int entries) {
        return Strategies.load().create(alias, entries, true, Map.of());
    }

    /**
     * Runs producers and consumer until the consumer reaped {@code minCqes} and at least {@code time}
     * passed, or a thread failed, or 30 s passed; then drains on this thread. Returns the first failure
     * of any thread, or {@code null}. The CQE minimum keeps the test meaningful on a busy machine.
     */
    private static Throwable run(IowqMixed workload, int producerThreads, long minCqes, Duration time)
        throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reaped = new AtomicLong();
        long start = System.nanoTime();
        BooleanSupplier running = () -> failure.get() == null && System.nanoTime() - start < MAX_RUN_NANOS
            && (reaped.get() < minCqes || System.nanoTime() - start < time.toNanos());
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producerThreads; p++) {
            int index = p;
            threads.add(new Thread(() -> {
                try {
                    while (running.getAsBoolean()) {
                        if (workload.produce(index) == 0) {
                            Thread.yield();
                        }
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }, "iowq-test-producer-" + p));
        }
        Thread consumer = new Thread(() -> {
            try {
                while (running.getAsBoolean()) {
                    reaped.addAndGet(workload.consume());
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        }, "iowq-test-consumer");
        threads.forEach(Thread::start);
        consumer.start();
        for (Thread thread : threads) {
            thread.join();
        }
        consumer.join();
        if (failure.get() == null) {
            try {
                workload.drainAndCheck(DRAIN_NANOS);
            } catch (OrderingViolation e) {
                failure.set(e);
            }
        }
        return failure.get();
    }

    @ParameterizedTest
    @MethodSource("manyProducerStrategies")
    void everyCqeArrivesInOrderWithBackoffConsumer(String alias) throws InterruptedException {
        IowqMixed workload = workload(poster(alias, 64), 3, 64, IowqMixed.Wait.BACKOFF, TimeUnit.MILLISECONDS.toNanos(1));

        Throwable failure = run(workload, 3, 20_000, Duration.ofMillis(300));

        assertNull(failure, () -> alias + ": " + failure);
        assertTrue(workload.reaped() > 0, alias + " reaped nothing");
        assertTrue(workload.terminations() > 0, alias + " posted no terminating CQE");
    }

    @ParameterizedTest
    @MethodSource("manyProducerStrategies")
    void parkedConsumerIsWokenByEveryStrategy(String alias) throws InterruptedException {
        IowqMixed workload = workload(poster(alias, 512), 1, 512, IowqMixed.Wait.PARK, TimeUnit.MILLISECONDS.toNanos(1));

        Throwable failure = run(workload, 1, 20_000, Duration.ofMillis(300));

        assertNull(failure, () -> alias + ": " + failure);
        assertTrue(workload.reaped() > 0, alias + " reaped nothing");
        assertTrue(workload.eventFdSignals() > 0, alias + " signalled no eventfd");
    }

    /**
     * A lost wake-up leaves the consumer asleep for the whole park timeout, here far longer than the
     * test may take, with CQEs still in the CQ. The producers post a bounded number of steps. The test
     * wakes the consumer itself only after it reaped every posted CQE, so that it can stop.
     */
    @Test
    void parkModeLosesNoWakeUp() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String alias : List.of("per-cqe-lock", "deferred-array", "jctools-mpsc")) {
                IowqMixed workload = workload(poster(alias, 64), 2, 64, IowqMixed.Wait.PARK, TimeUnit.SECONDS.toNanos(120));
                AtomicLong reaped = new AtomicLong();
                AtomicLong target = new AtomicLong(Long.MAX_VALUE);
                Thread consumer = new Thread(() -> {
                    while (reaped.get() < target.get()) {
                        reaped.addAndGet(workload.consume());
                    }
                }, "iowq-test-consumer");
                consumer.start();
                Thread[] producers = new Thread[2];
                long[] posted = new long[2];
                for (int p = 0; p < producers.length; p++) {
                    int index = p;
                    producers[p] = new Thread(() -> {
                        for (int step = 0; step < 20_000; step++) {
                            posted[index] += workload.produce(index);
                        }
                    }, "iowq-test-producer-" + p);
                    producers[p].start();
                }
                for (Thread producer : producers) {
                    producer.join();
                }
                target.set(posted[0] + posted[1]);
                while (reaped.get() < target.get()) {
                    Thread.sleep(1);
                }
                LockSupport.unpark(consumer);       // everything arrived; let a consumer asleep on an empty CQ stop
                consumer.join();

                workload.drainAndCheck(DRAIN_NANOS);
                assertEquals(target.get(), workload.reaped(), alias + ": every posted CQE reaped");
                assertTrue(workload.wakeUps() > 0, alias + ": no commit woke the parked consumer");
            }
        });
    }

    @Test
    void droppedCqeFailsCrossThread() throws InterruptedException {
        CqPosterProvider provider = new DropsOneProvider();
        CqPoster poster = provider.create(CqConfig.of(provider.alias(), provider.settings(), 64, true, Map.of()));
        IowqMixed workload = workload(poster, 2, 64, IowqMixed.Wait.YIELD, TimeUnit.MILLISECONDS.toNanos(1));

        Throwable failure = run(workload, 2, 50_000, Duration.ofMillis(300));

        assertNotNull(failure, "the dropped CQE went unnoticed");
        assertTrue(failure.getMessage().contains("ordering violation in strategy broken-drops-one"), failure.getMessage());
        assertTrue(failure.getMessage().contains("were lost or overtaken") || failure.getMessage().contains("CQEs lost"),
            failure.getMessage());
    }

    @Test
    void duplicatedCqeFailsCrossThread() throws InterruptedException {
        CqPosterProvider provider = new DuplicatesOneProvider();
        CqPoster poster = provider.create(CqConfig.of(provider.alias(), provider.settings(), 64, true, Map.of()));
        IowqMixed workload = workload(poster, 2, 64, IowqMixed.Wait.SPIN, TimeUnit.MILLISECONDS.toNanos(1));

        Throwable failure = run(workload, 2, 50_000, Duration.ofMillis(300));

        assertNotNull(failure, "the duplicated CQE went unnoticed");
        assertTrue(failure.getMessage().contains("a duplicated CQE"), failure.getMessage());
    }

    @Test
    void parkRejectedWithoutWaitQueue() {
        CqPosterProvider provider = new DropsOneProvider();
        CqPoster poster = provider.create(CqConfig.of(provider.alias(), provider.settings(), 64, true, Map.of()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> workload(poster, 1, 64, IowqMixed.Wait.PARK, 1));
        assertTrue(e.getMessage().contains("wait=park is not applicable to broken-drops-one"), e.getMessage());
        assertNotNull(new IowqMixedSpec().incompatibility(provider, Map.of("wait", List.of("spin", "park"))));
        assertNull(new IowqMixedSpec().incompatibility(provider, Map.of("wait", List.of("spin"))));
    }

    @Test
    void latencyCoversTimeBetweenPostAndReap() throws InterruptedException {
        IowqMixed workload = workload(poster("per-cqe-lock", 512), 1, 512, IowqMixed.Wait.SPIN, 1);

        int posted = workload.produce(0);
        TimeUnit.MILLISECONDS.sleep(20);
        int reaped = 0;
        while (reaped < posted) {
            reaped += workload.consume();
        }

        assertEquals(posted, workload.latency().getTotalCount(), "one latency value per CQE");
        assertTrue(workload.latency().getValueAtPercentile(50) >= TimeUnit.MILLISECONDS.toNanos(20),
            "p50 " + workload.latency().getValueAtPercentile(50) + " ns includes the 20 ms between post and reap");
        assertTrue(workload.latency().getMaxValue() < TimeUnit.SECONDS.toNanos(5), "max within the test's run time");
    }
}
