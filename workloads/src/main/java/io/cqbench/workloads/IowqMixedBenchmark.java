package io.cqbench.workloads;

import io.cqbench.harness.LatencyProfiler;
import io.cqbench.harness.StrategyParams;
import io.cqbench.spi.CqPoster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * Workload {@code iowq-mixed}: a task-work producer and io-wq-style workers post into one CQ while the
 * application reaps on its own thread (see {@link IowqMixed}). A JMH {@code @Group} with two roles, in
 * JMH's {@code -tg} order: {@code consume} (exactly 1 thread) and {@code produce} (1 or more; thread 0
 * is the task-work producer, the others io-wq workers). Score: the secondary metric {@code cqesReaped},
 * CQEs reaped per second; see {@link ReapedCounter} for why JMH's primary score is not it.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {Benchmarks.ADD_EXPORTS, Benchmarks.AGRONA_NO_BOUNDS_CHECKS,
    Benchmarks.HEAP_MIN, Benchmarks.HEAP_MAX})
public class IowqMixedBenchmark {
    /** The {@code -tg} position of the consumer: JMH orders a group's methods by name. */
    static final int CONSUMER_SUBGROUP = 0;
    /** Maximum sleep of a parked consumer, so that it notices the end of an iteration once producers stop. */
    private static final long PARK_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the drain after an iteration waits on an empty CQ before it reports CQEs as lost. */
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Param({"per-cqe-lock"})
    public String strategy;
    @Param({"16"})
    public String slots;
    @Param({"spin"})
    public String lock;
    @Param({""})
    public String options;

    @Param({"64"})
    public int requests;
    @Param({"16"})
    public int batch;
    @Param({"64"})
    public int workerRequests;
    @Param({"512"})
    public int entries;
    @Param({"true"})
    public boolean eventfd;
    @Param({"0"})
    public int commitCost;
    @Param({"backoff"})
    public String wait;

    private IowqMixed workload;
    private IowqCounters consumerCounters;
    private long terminationsSeen;
    private long overflowedSeen;
    private long wakeUpsSeen;
    private long signalsSeen;

    @Setup(Level.Trial)
    public void setUp(ThreadParams threads) {
        Benchmarks.haltWhenHostExits();
        int ownRole = threads.getSubgroupThreadCount();
        int otherRole = threads.getGroupThreadCount() - ownRole;
        int consumers = threads.getSubgroupIndex() == CONSUMER_SUBGROUP ? ownRole : otherRole;
        int producerThreads = threads.getGroupThreadCount() - consumers;
        if (consumers != 1 || producerThreads < 1) {
            throw new IllegalArgumentException("iowq-mixed needs exactly 1 consume thread and at least 1 produce thread,"
                + " got " + consumers + " and " + producerThreads + "; set them with -tg 1,N");
        }
        CqPoster poster = StrategyParams.createPoster(strategy, slots, lock, options, entries, eventfd, commitCost);
        String context = "strategy " + poster + ", workload iowq-mixed{producerThreads=" + producerThreads
            + ", requests=" + requests + ", batch=" + batch + ", workerRequests=" + workerRequests + ", entries=" + entries
            + ", eventfd=" + eventfd + ", commitCost=" + commitCost + ", wait=" + wait + "}";
        workload = new IowqMixed(poster, context, producerThreads, requests, workerRequests, batch, entries,
            IowqMixed.Wait.parse(wait), PARK_TIMEOUT_NANOS);
        LatencyProfiler.publish(workload.latency());
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        workload.latency().reset();
    }

    @Benchmark
    @Group("iowqMixed")
    @GroupThreads(1)
    public int consume(ReapedCounter score, IowqCounters counters) {
        consumerCounters = counters;
        int count = workload.consume();
        score.cqesReaped += count;
        counters.cqesVerified += count;
        return count;
    }

    @Benchmark
    @Group("iowqMixed")
    @GroupThreads(1)
    public int produce(ThreadParams thread) {
        int posted = workload.produce(thread.getSubgroupThreadIndex());
        if (posted == 0) {
            Thread.yield();                   // every request waits for the consumer, which may need this CPU
        }
        return posted;
    }

    /** Drains the CQ, checks that every CQE arrived, and adds the iteration's shared counts to the consumer's. */
    @TearDown(Level.Iteration)
    public void checkIteration() {
        long before = workload.reaped();
        workload.drainAndCheck(DRAIN_TIMEOUT_NANOS);
        IowqCounters counters = consumerCounters;
        if (counters == null) {
            return;
        }
        counters.cqesVerified += workload.reaped() - before;
        counters.terminatingCqes += workload.terminations() - terminationsSeen;
        terminationsSeen = workload.terminations();
        long overflowed = workload.poster().overflowCount();
        long wakeUps = workload.wakeUps();
        long signals = workload.eventFdSignals();
        counters.overflowedCqes += overflowed - overflowedSeen;
        counters.wakeUps += wakeUps - wakeUpsSeen;
        counters.eventfdSignals += signals - signalsSeen;
        overflowedSeen = overflowed;
        wakeUpsSeen = wakeUps;
        signalsSeen = signals;
    }
}
