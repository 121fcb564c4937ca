package io.cqbench.harness.conform;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.OrderingViolation;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.spi.Setting;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The conformance kit: the properties every {@link CqPosterProvider} must keep, checked on a provider
 * of any origin. {@code ./cqbench conform} runs it on a jar, {@link ConformanceTests} runs it from an
 * author's JUnit 5 tests, and cqbench's own contract test runs it on every built-in strategy.
 *
 * <p>Single-threaded properties post and reap on one thread through the {@link OrderingVerifier}; the
 * {@code concurrent-stress} property runs the {@link ConcurrencyStress} with the consumer on its own
 * thread, which is the only way to see mistakes in memory ordering or between producers. Every
 * property runs under a time limit, so a strategy that hangs fails that property and the kit goes on.
 */
public final class Conformance {
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Duration STRESS_ROUND = Duration.ofMillis(250);

    private Conformance() {
    }

    /**
     * Settings of one kit run.
     *
     * @param settings    strategy settings to check the strategy with; empty means its defaults
     * @param stressTime  total time of the {@code concurrent-stress} property
     * @param seed        seed of every random choice; printed so that a failure can be replayed
     * @param timeLimit   time one property may take before it fails as hung
     */
    public record Options(Map<String, String> settings, Duration stressTime, long seed, Duration timeLimit) {
        public Options {
            settings = Map.copyOf(settings);
        }

        /** Defaults: the strategy's own settings, 2 s of stress, a fresh seed, 60 s per property. */
        public static Options defaults() {
            return new Options(Map.of(), Duration.ofSeconds(2), new SplittableRandom().nextLong(), Duration.ofSeconds(60));
        }

        public Options withSettings(Map<String, String> newSettings) {
            return new Options(newSettings, stressTime, seed, timeLimit);
        }

        public Options withStressTime(Duration newStressTime) {
            return new Options(settings, newStressTime, seed, timeLimit);
        }

        public Options withSeed(long newSeed) {
            return new Options(settings, stressTime, newSeed, timeLimit);
        }

        public Options withTimeLimit(Duration newTimeLimit) {
            return new Options(settings, stressTime, seed, newTimeLimit);
        }
    }

    /** One property: a name for the command line, what it checks, and the check. */
    public static final class Property {
        private final String name;
        private final String description;
        private final Check check;

        private Property(String name, String description, Check check) {
            this.name = name;
            this.description = description;
            this.check = check;
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Checks one property; throws {@link ConformanceFailure} or {@link OrderingViolation} when it fails. */
    @FunctionalInterface
    private interface Check {
        /** Returns {@code null} when the property held, or the reason it does not apply. */
        String run(CqPosterProvider provider, Options options);
    }

    private static final List<Property> PROPERTIES = List.of(
        new Property("declaration", "alias, description, producer model, full behavior, minimum size and settings are"
            + " well formed; a poster is created with the defaults", Conformance::declaration),
        new Property("order-in-batch", "80 multishot CQEs of 8 requests in one batch arrive in posting order",
            Conformance::orderInBatch),
        new Property("order-across-batches", "CQEs of 5 committed batches, reaped late, arrive in posting order",
            Conformance::orderAcrossBatches),
        new Property("reap-limit", "reap hands out at most its limit, then the rest, then nothing", Conformance::reapLimit),
        new Property("commit-publishes", "everything posted is visible to reap after commit, including a partial batch",
            Conformance::commitPublishes),
        new Property("terminal-after-deferred", "a terminating CQE follows its request's multishot CQEs still held back"
            + " in a batch", Conformance::terminalAfterDeferred),
        new Property("overflow-order", "on a tiny ring, refused multishot CQEs end their requests and the overflow"
            + " backlog keeps each request's order", Conformance::overflowOrder),
        new Property("backlog-first", "while the overflow backlog is not empty, multishot CQEs are refused and new"
            + " CQEs queue behind the backlog", Conformance::backlogFirst),
        new Property("random-sequences", "random posts, terminations, commits and partial reaps on random ring sizes"
            + " lose, duplicate and reorder nothing", Conformance::randomSequences),
        new Property("producer-model", "SINGLE rejects a second producer; MANY keeps two interleaved producers' order",
            Conformance::producerModel),
        new Property("no-allocation", "posting and reaping allocate nothing per CQE in steady state",
            Conformance::noAllocation),
        new Property("concurrent-stress", "1, 2 and 4 producer threads and a consumer thread: per-request order, nothing lost,"
            + " duplicated or read before it was written", Conformance::concurrentStress));

    /** Returns the kit's properties in the order they run. */
    public static List<Property> properties() {
        return PROPERTIES;
    }

    /** Checks every property on {@code provider}. */
    public static ConformanceReport check(CqPosterProvider provider, Options options) {
        List<PropertyResult> results = new ArrayList<>();
        for (Property property : PROPERTIES) {
            results.add(check(provider, property, options));
        }
        return new ConformanceReport(provider.alias(), results);
    }

    /**
     * Checks one property on its own thread under {@link Options#timeLimit()}. A property that hangs is
     * reported as failed and its thread, a daemon, is left behind.
     */
    public static PropertyResult check(CqPosterProvider provider, Property property, Options options) {
        long start = System.nanoTime();
        FutureTask<String> task = new FutureTask<>(() -> property.check.run(provider, options));
        // The stress property runs for stressTime on its own before any hang could show.
        Duration limit = property.name.equals("concurrent-stress") ? options.timeLimit().plus(options.stressTime())
            : options.timeLimit();
        Thread thread = new Thread(task, "cqbench-conform-" + property.name);
        thread.setDaemon(true);
        thread.start();
        PropertyResult.Verdict verdict;
        String reason;
        try {
            String skip = task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            verdict = skip == null ? PropertyResult.Verdict.PASS : PropertyResult.Verdict.SKIP;
            reason = skip == null ? "" : skip;
        } catch (TimeoutException e) {
            verdict = PropertyResult.Verdict.FAIL;
            StackTraceElement[] stack = thread.getStackTrace();
            reason = "did not finish within " + limit.toSeconds() + " s: the strategy hangs or deadlocks (at "
                + (stack.length > 0 ? stack[0] : "an unknown frame") + ")";
        } catch (ExecutionException e) {
            verdict = PropertyResult.Verdict.FAIL;
            reason = reasonOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = PropertyResult.Verdict.FAIL;
            reason = "interrupted";
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new PropertyResult(property.name, verdict, oneLine(reason), millis);
    }

    private static String reasonOf(Throwable failure) {
        if (failure instanceof ConformanceFailure || failure instanceof OrderingViolation) {
            return failure.getMessage();
        }
        StackTraceElement[] stack = failure.getStackTrace();
        return "threw " + failure + (stack.length > 0 ? " at " + stack[0] : "");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    }

    // ---- properties ----------------------------------------------------------------------------

    private static String declaration(CqPosterProvider provider, Options options) {
        String alias = provider.alias();
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new ConformanceFailure("alias \"" + alias + "\" must be lower-case letters, digits, dots and dashes,"
                + " starting with a letter or digit: it names the strategy on the command line and in result files");
        }
        if (provider.description() == null || provider.description().isBlank()) {
            throw new ConformanceFailure("description() is empty: give one line on the strategy's trade-off");
        }
        if (provider.producerModel() == null || provider.fullBehavior() == null) {
            throw new ConformanceFailure("producerModel() and fullBehavior() must not return null");
        }

        int min = provider.minEntries();
        if (min < 2 || Integer.bitCount(min) != 1) {
            throw new ConformanceFailure("minEntries()=" + min + " must be a power of two of at least 2");
        }
        List<Setting> settings = provider.settings();
        if (settings == null) {
            throw new ConformanceFailure("settings() returned null; return List.of() when there are none");
        }
        Set<String> names = new HashSet<>();
        for (Setting setting : settings) {
            if (!names.add(setting.name())) {
                throw new ConformanceFailure("setting " + setting.name() + " is declared twice");
            }
            if (setting.validate(setting.defaultValue()) != null) {
                throw new ConformanceFailure("default of setting " + setting.name() + " is invalid: "
                    + setting.validate(setting.defaultValue()));
            }
        }

        CqPoster poster = poster(provider, min, options);
        if (poster == null) {
            throw new ConformanceFailure("create() returned null for " + min + " entries");
        }
        if (poster.toString() == null || !poster.toString().startsWith(alias)) {
            throw new ConformanceFailure("the poster's toString() is \"" + poster + "\"; it must start with the alias "
                + alias + ", as it names the strategy in violation messages");
        }
        if (poster.newProducer() == null) {
            throw new ConformanceFailure("newProducer() returned null");
        }
        if (poster.overflowCount() != 0) {
            throw new ConformanceFailure("a new poster reports overflowCount()=" + poster.overflowCount() + "; expected 0");
        }
        return null;
    }

    private static String orderInBatch(CqPosterProvider provider, Options options) {
        Recorder recorder = new Recorder(poster(provider, 512, options), 8);
        for (int round = 0; round < 10; round++) {
            for (int request = 0; request < 8; request++) {
                if (!recorder.multishot(request)) {
                    throw new ConformanceFailure("refused a multishot CQE with " + (round * 8 + request)
                        + " CQE(s) posted into an empty ring of 512 entries; refuse only when the ring has no room");
                }
            }
        }
        recorder.producer.commit();
        expectReaped(80, recorder.reapAll(), "after one committed batch of 80 CQEs");
        recorder.verifier.checkDrained();
        return null;
    }

    private static String orderAcrossBatches(CqPosterProvider provider, Options options) {
        Recorder recorder = new Recorder(poster(provider, 256, options), 4);
        for (int batch = 0; batch < 5; batch++) {
            for (int request = 0; request < 4; request++) {
                recorder.multishot(request);
                recorder.multishot(request);
            }
            recorder.producer.commit();
        }
        expectReaped(40, recorder.reapAll(), "after 5 committed batches of 8 CQEs");
        recorder.verifier.checkDrained();
        return null;
    }

    private static String reapLimit(CqPosterProvider provider, Options options) {
        Recorder recorder = new Recorder(poster(provider, 64, options), 1);
        for (int i = 0; i < 10; i++) {
            recorder.multishot(0);
        }
        recorder.producer.commit();
        int first = recorder.poster.reap(recorder.verifier, 3);
        if (first != 3) {
            throw new ConformanceFailure("reap(handler, 3) returned " + first + " with 10 committed CQEs; it must hand out"
                + " exactly min(limit, visible)");
        }
        expectReaped(7, recorder.reapAll(), "after reaping 3 of 10 committed CQEs");
        int after = recorder.poster.reap(recorder.verifier, 10);
        if (after != 0) {
            throw new ConformanceFailure("reap returned " + after + " after all 10 CQEs were reaped; it must return 0");
        }
        recorder.verifier.checkDrained();
        return null;
    }

    private static String commitPublishes(CqPosterProvider provider, Options options) {
        // Batch sizes 1 to 40 cover a partial batch below, at and above any array size up to 32.
        Recorder recorder = new Recorder(poster(provider, 1024, options), 3);
        for (int size = 1; size <= 40; size++) {
            for (int i = 0; i < size; i++) {
                recorder.multishot(i % 3);
            }
            recorder.producer.commit();
            expectReaped(size, recorder.reapAll(), "right after committing a batch of " + size + " CQE(s)");
        }
        recorder.verifier.checkDrained();
        return null;
    }

    private static String terminalAfterDeferred(CqPosterProvider provider, Options options) {
        // 78 multishot CQEs of two interleaved requests fill a 16-slot array four times; 14 (7 of request 0)
        // are still held back when request 0 terminates, and one more of request 1 follows.
        Recorder recorder = new Recorder(poster(provider, 512, options), 2);
        for (int i = 0; i < 39; i++) {
            recorder.multishot(0);
            recorder.multishot(1);
        }
        recorder.terminal(0, Cqe.ECANCELED);
        recorder.multishot(1);
        recorder.producer.commit();
        expectReaped(80, recorder.reapAll(), "after a batch of 80 CQEs with one termination");
        recorder.verifier.checkDrained();
        if (recorder.verifier.isArmed(0)) {
            throw new ConformanceFailure("request 0's terminating CQE was not reaped");
        }
        return null;
    }

    private static String overflowOrder(CqPosterProvider provider, Options options) {
        if (provider.fullBehavior() != FullBehavior.OVERFLOW_BACKLOG) {
            return "applies to OVERFLOW_BACKLOG strategies; this one blocks when the ring is full";
        }
        // 6 requests posting 3 CQEs each per batch into the smallest ring: refusals turn into terminating
        // CQEs, which overflow into the backlog behind the ring's entries.
        int entries = Math.max(4, provider.minEntries());
        Recorder recorder = new Recorder(poster(provider, entries, options), 6);
        boolean[] ended = new boolean[6];
        long reaped = 0;
        for (int batch = 0; batch < 50; batch++) {
            Arrays.fill(ended, false);
            for (int round = 0; round < 3 * Math.max(1, entries / 4); round++) {
                for (int request = 0; request < 6; request++) {
                    if (!ended[request] && !recorder.multishot(request)) {
                        ended[request] = true;
                    }
                }
            }
            recorder.producer.commit();
            reaped += recorder.reapAll();
            recorder.rearmEnded();
        }
        recorder.verifier.checkDrained();
        if (reaped != recorder.verifier.postedCount()) {
            throw new ConformanceFailure("reaped " + reaped + " CQEs but " + recorder.verifier.postedCount() + " were posted");
        }
        if (recorder.poster.overflowCount() == 0) {
            throw new ConformanceFailure("a ring of " + entries + " entries, posted 18 CQEs per batch without reaping,"
                + " never overflowed: overflowCount() stayed 0, so terminating CQEs were dropped or the count is wrong");
        }
        return null;
    }

    private static String backlogFirst(CqPosterProvider provider, Options options) {
        if (provider.fullBehavior() != FullBehavior.OVERFLOW_BACKLOG) {
            return "applies to OVERFLOW_BACKLOG strategies; this one blocks when the ring is full";
        }
        int entries = Math.max(4, provider.minEntries());
        int filling = 4 * entries;
        // Requests 0..filling-1 each post one multishot CQE and commit, without reaping, until the ring is
        // full and a CQE overflows. Then two more requests post after the overflow.
        Recorder recorder = new Recorder(poster(provider, entries, options), filling + 2);
        int posted = 0;
        while (recorder.poster.overflowCount() == 0) {
            if (posted == filling) {
                throw new ConformanceFailure("a ring of " + entries + " entries took " + filling + " committed CQEs"
                    + " without a reap and without overflowing: overflowCount() stayed 0");
            }
            recorder.multishot(posted++);
            recorder.producer.commit();
        }
        // Make room in the ring; the backlog is still pending because the ring is not empty.
        int freed = recorder.poster.reap(recorder.verifier, 2);
        if (freed != 2) {
            throw new ConformanceFailure("reap(handler, 2) returned " + freed + " with a full ring of " + entries);
        }
        int late = filling;
        long lateUserData = recorder.userData[late];
        if (recorder.producer.postMultishot(lateUserData, 1, Cqe.F_MORE)) {
            throw new ConformanceFailure("postMultishot accepted " + Cqe.format(lateUserData, 1, Cqe.F_MORE)
                + " while the overflow backlog held CQEs: it placed a new CQE in the ring ahead of the backlog;"
                + " refuse multishot CQEs until the backlog has drained, as the kernel does");
        }
        recorder.terminal(late + 1, Cqe.ECANCELED);
        recorder.producer.commit();
        long lastUserData = recorder.userData[late + 1];
        while (recorder.poster.reap((ud, res, flags) -> {
            recorder.verifier.onCqe(ud, res, flags);
            long waiting = recorder.verifier.postedCount() - recorder.verifier.verified();
            if (ud == lastUserData && waiting > 0) {
                throw new ConformanceFailure("the terminating CQE " + Cqe.format(ud, res, flags) + ", posted after the"
                    + " overflow, was reaped while " + waiting + " CQE(s) posted earlier were still in the backlog: the"
                    + " ring took a new CQE while the overflow backlog was not empty");
            }
        }, Integer.MAX_VALUE) > 0) {
            // keep reaping
        }
        recorder.verifier.checkDrained();
        return null;
    }

    private static String randomSequences(CqPosterProvider provider, Options options) {
        SplittableRandom seeds = new SplittableRandom(options.seed());
        for (int run = 0; run < 5; run++) {
            randomRun(provider, options, seeds.nextLong());
        }
        return null;
    }

    private static void randomRun(CqPosterProvider provider, Options options, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean blocks = provider.fullBehavior() == FullBehavior.BLOCK;
        int entries = blocks ? 1 << 14 : 1 << (1 + random.nextInt(7));
        int requests = 1 + random.nextInt(40);
        Recorder recorder = new Recorder(poster(provider, entries, options), requests);
        boolean[] closed = new boolean[requests];
        try {
            for (int step = 0; step < 20_000; step++) {
                int action = random.nextInt(100);
                int request = random.nextInt(requests);
                if (action < 70) {
                    if (!closed[request] && !recorder.multishot(request)) {
                        closed[request] = true;
                    }
                } else if (action < 75) {
                    if (!closed[request]) {
                        recorder.terminal(request, Cqe.ECANCELED);
                        closed[request] = true;
                    }
                } else if (action < 90) {
                    recorder.producer.commit();
                } else {
                    recorder.producer.commit();
                    recorder.poster.reap(recorder.verifier, 1 + random.nextInt(2 * entries));
                    for (int r = 0; r < requests; r++) {
                        if (closed[r] && !recorder.verifier.isArmed(recorder.userData[r])) {
                            recorder.rearm(r);
                            closed[r] = false;
                        }
                    }
                }
            }
            recorder.producer.commit();
            recorder.reapAll();
            recorder.verifier.checkDrained();
        } catch (OrderingViolation e) {
            throw new ConformanceFailure(e.getMessage() + " [random run seed=0x" + Long.toHexString(seed) + ", entries="
                + entries + ", requests=" + requests + "]", e);
        }
    }

    private static String producerModel(CqPosterProvider provider, Options options) {
        CqPoster poster = poster(provider, 256, options);
        poster.newProducer();
        if (provider.producerModel() == ProducerModel.SINGLE) {
            try {
                poster.newProducer();
            } catch (IllegalStateException expected) {
                return null;
            }
            throw new ConformanceFailure("a SINGLE-producer strategy returned a second producer; newProducer() must throw"
                + " IllegalStateException, so that no workload runs it with several producers by mistake");
        }
        // Two producers on one thread, each with its own request, interleaving their posts.
        CqPoster shared = poster(provider, 256, options);
        CqProducer first = shared.newProducer();
        CqProducer second = shared.newProducer();
        OrderingVerifier verifier = new OrderingVerifier(2, shared.toString());
        verifier.arm(0);
        verifier.arm(1);
        for (int i = 1; i <= 30; i++) {
            if (!first.postMultishot(0, i, Cqe.F_MORE) || !second.postMultishot(1, i, Cqe.F_MORE)) {
                throw new ConformanceFailure("refused multishot CQE " + i + " of 60 into an empty ring of 256 entries");
            }
            verifier.posted(0, i, Cqe.F_MORE);
            verifier.posted(1, i, Cqe.F_MORE);
            if (i % 7 == 0) {
                first.commit();
            }
        }
        first.postTerminal(0, 0, 0);
        verifier.posted(0, 0, 0);
        first.commit();
        second.commit();
        while (shared.reap(verifier, 5) > 0) {
            // keep reaping
        }
        verifier.checkDrained();
        return null;
    }

    private static String noAllocation(CqPosterProvider provider, Options options) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)
            || !((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported()) {
            return "this JVM cannot measure a thread's allocation";
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Recorder recorder = new Recorder(poster(provider, 512, options), 128);
        recorder.runPollEvents(2_000);                     // warm up: arrays and pools at their final size
        // CQEs that never arrive would grow the verifier's own queues and pass for allocation by the strategy.
        recorder.verifier.checkDrained();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        recorder.runPollEvents(2_000);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        recorder.verifier.checkDrained();
        long cqes = 2_000L * 128;
        // The JIT and the MXBean call may account for a few hundred bytes. One object per CQE would be at
        // least 16 bytes per CQE, 4 MB here.
        if (allocated >= 64 * 1024) {
            throw new ConformanceFailure("allocated " + allocated + " bytes for " + cqes + " CQEs ("
                + String.format("%.1f", (double) allocated / cqes) + " bytes per CQE) in steady state; allocate in create()"
                + " or newProducer(), not per post or reap, or the benchmark measures the garbage collector");
        }
        return null;
    }

    private static String concurrentStress(CqPosterProvider provider, Options options) {
        // Four producers on a small machine also catch races that need a producer preempted inside a post.
        int[] producerCounts = provider.producerModel() == ProducerModel.SINGLE ? new int[] {1} : new int[] {1, 2, 4};
        Duration share = options.stressTime().dividedBy(producerCounts.length);
        // Short rounds, each with its own ring size and request count, reach more corners than one long round.
        Duration roundTime = share.compareTo(STRESS_ROUND) < 0 ? share : STRESS_ROUND;
        SplittableRandom seeds = new SplittableRandom(options.seed() ^ 0x5eed);
        long checked = 0;
        for (int producers : producerCounts) {
            for (Duration left = share; left.compareTo(Duration.ZERO) > 0; left = left.minus(roundTime)) {
                Duration time = left.compareTo(roundTime) < 0 ? left : roundTime;
                ConcurrencyStress.Round round = ConcurrencyStress.plan(seeds.nextLong(), producers, provider.minEntries(), time);
                ConcurrencyStress.Outcome outcome = ConcurrencyStress.run(provider, options.settings(), round);
                if (!outcome.passed()) {
                    throw new ConformanceFailure(diagnosis(producers) + "; " + outcome.violation() + " [stress " + round
                        + ", " + outcome.cqes() + " CQEs checked]");
                }
                checked += outcome.cqes();
            }
        }
        // A single short round may reap nothing on a loaded machine; the whole stress reaping nothing is a hang.
        if (checked == 0) {
            throw new ConformanceFailure("no CQE was reaped in " + options.stressTime().toMillis() + " ms of stress:"
                + " posting or reaping makes no progress");
        }
        return null;
    }

    /** Narrows the cause of a stress failure by the round it happened in; the single-threaded properties cover one thread. */
    private static String diagnosis(int producers) {
        String memoryOrder = "an entry read before its fields were written (the tail released too early, or a missing"
            + " release/acquire pair)";
        if (producers == 1) {
            return "one producer thread with the consumer on another thread failed; if the single-threaded properties"
                + " passed, suspect " + memoryOrder;
        }
        return "one producer thread passed but " + producers + " failed; suspect one producer's CQEs overtook each other"
            + " between producers (racing posts or commits), or " + memoryOrder + " that one producer did not expose";
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static CqPoster poster(CqPosterProvider provider, int entries, Options options) {
        int size = Math.max(entries, provider.minEntries());
        return provider.create(CqConfig.of(provider.alias(), provider.settings(), size, true, options.settings()));
    }

    private static void expectReaped(long expected, long actual, String when) {
        if (actual < expected) {
            throw new ConformanceFailure("reaped " + actual + " of " + expected + " CQEs " + when + ": "
                + (expected - actual) + " CQE(s) lost or never made visible by commit()");
        }
        if (actual > expected) {
            throw new ConformanceFailure("reaped " + actual + " CQEs " + when + ", but only " + expected
                + " were posted: CQE(s) duplicated");
        }
    }

    /** A producer whose accepted posts are recorded with an {@link OrderingVerifier}. */
    private static final class Recorder {
        final CqPoster poster;
        final CqProducer producer;
        final OrderingVerifier verifier;
        final long[] userData;
        int sequence;

        Recorder(CqPoster poster, int requests) {
            this.poster = poster;
            this.producer = poster.newProducer();
            this.verifier = new OrderingVerifier(requests, poster.toString());
            this.userData = new long[requests];
            for (int i = 0; i < requests; i++) {
                userData[i] = i;
                verifier.arm(i);
            }
        }

        /** Posts a multishot CQE; when refused, terminates the request as the kernel does. Returns whether it stayed armed. */
        boolean multishot(int request) {
            long ud = userData[request];
            int res = ++sequence;
            if (producer.postMultishot(ud, res, Cqe.F_MORE)) {
                verifier.posted(ud, res, Cqe.F_MORE);
                return true;
            }
            terminal(request, res);
            return false;
        }

        void terminal(int request, int res) {
            producer.postTerminal(userData[request], res, 0);
            verifier.posted(userData[request], res, 0);
        }

        long reapAll() {
            long total = 0;
            int count;
            while ((count = poster.reap(verifier, Integer.MAX_VALUE)) > 0) {
                total += count;
            }
            return total;
        }

        void rearm(int request) {
            userData[request] += 1L << 32;
            verifier.arm(userData[request]);
        }

        void rearmEnded() {
            for (int request = 0; request < userData.length; request++) {
                if (!verifier.isArmed(userData[request])) {
                    rearm(request);
                }
            }
        }

        /** Runs {@code events} poll events: every request posts once, one commit, then a full reap and re-arm. */
        void runPollEvents(int events) {
            for (int event = 0; event < events; event++) {
                for (int request = 0; request < userData.length; request++) {
                    multishot(request);
                }
                producer.commit();
                reapAll();
                rearmEnded();
            }
        }
    }
}
