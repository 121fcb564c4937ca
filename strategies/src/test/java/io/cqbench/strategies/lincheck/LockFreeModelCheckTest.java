package io.cqbench.strategies.lincheck;

import io.cqbench.strategies.AgronaMpscProvider;
import io.cqbench.strategies.DisruptorProvider;
import io.cqbench.strategies.JctoolsMpscProvider;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model-checks the lock-free strategies' posting and reaping with Lincheck: two producers and one
 * consumer on a small ring, so that runs overflow into the backlog and reject multishot CQEs. The
 * operations are those of {@link PosterModelCheck}, and {@link StaleFlagVerifier} judges the results
 * against the CQ rules of {@link CqSpecification}.
 *
 * <p>Budgets are sized to keep this class near a minute on a 2-core machine. There, with a benchmark
 * sharing the machine, Lincheck took about 3 to 5 ms per invocation and the verifier under 1 ms.
 * {@code disruptor{slots=2}} gets the largest budget because at 10 x 500 invocations it finds a race
 * that 8 x 300 missed: a negative {@code remainingCapacity()} made {@code publish()} call
 * {@code tryNext(-1)}, fixed since. Set the system property {@code cqbench.lincheck.scale} to multiply
 * the invocation budgets for a deeper local search.
 */
class LockFreeModelCheckTest {
    private static final int SCALE = Integer.getInteger("cqbench.lincheck.scale", 1);

    public static final class JctoolsMpsc extends PosterModelCheck {
        public JctoolsMpsc() {
            super(new JctoolsMpscProvider(), 4, Map.of());
        }
    }

    /** Agrona's ring needs 8 entries at least: a record may be at most an eighth of the buffer. */
    public static final class AgronaMpsc extends PosterModelCheck {
        public AgronaMpsc() {
            super(new AgronaMpscProvider(), 8, Map.of());
        }
    }

    /** A 1-entry batch: the second post of {@code twoMultishots} places the first before it is checked. */
    public static final class DisruptorSlots1 extends BatchingPosterModelCheck {
        public DisruptorSlots1() {
            super(new DisruptorProvider(), 4, Map.of("slots", "1"));
        }
    }

    /** A 2-entry batch: {@code twoMultishots} claims a range of two, or splits it when one entry is free. */
    public static final class DisruptorSlots2 extends BatchingPosterModelCheck {
        public DisruptorSlots2() {
            super(new DisruptorProvider(), 4, Map.of("slots", "2"));
        }
    }

    public static final class BrokenPublish extends PosterModelCheck {
        public BrokenPublish() {
            super(new BrokenPublishPoster.Provider(), 4, Map.of());
        }
    }

    /**
     * Returns model-checking options for scenarios of 5 init operations, 3 threads of 2 operations and 3
     * post operations. Five init operations post up to 10 CQEs, enough to fill a 4-entry ring.
     */
    private static ModelCheckingOptions modelChecking(Class<? extends CqSpecification> specification, int iterations,
                                                      int invocations) {
        return new ModelCheckingOptions()
            .threads(3)
            .actorsPerThread(2)
            .actorsBefore(5)
            .actorsAfter(3)
            .iterations(iterations)
            .invocationsPerIteration(invocations * SCALE)
            .sequentialSpecification(specification)
            .verifier(StaleFlagVerifier.class)
            .addGuarantee(agronaBuffersAtomic());
    }

    /**
     * Returns the guarantee that Agrona's buffer accessors run as single steps. Lincheck 3.7 fails inside
     * them: it looks up {@code SHOULD_BOUNDS_CHECK}, a constant of the interface {@code DirectBuffer}, in
     * the superclasses only, and throws {@code NoSuchFieldException}. Each accessor is one memory access
     * of the ring buffer, so the ring buffer's own steps are still interleaved.
     */
    private static org.jetbrains.lincheck.datastructures.ManagedStrategyGuarantee agronaBuffersAtomic() {
        return forClasses("org.agrona.concurrent.UnsafeBuffer", "org.agrona.AbstractMutableDirectBuffer")
            .allMethods()
            .treatAsAtomic();
    }

    @Test
    void jctoolsMpscModelCheck() {
        modelChecking(CqSpecification.Ring4.class, 8, 400).check(JctoolsMpsc.class);
    }

    @Test
    void agronaMpscModelCheck() {
        modelChecking(CqSpecification.Ring8.class, 8, 400).check(AgronaMpsc.class);
    }

    @Test
    void disruptorSlots1ModelCheck() {
        modelChecking(CqSpecification.Ring4Slots1.class, 6, 300).check(DisruptorSlots1.class);
    }

    @Test
    void disruptorSlots2ModelCheck() {
        modelChecking(CqSpecification.Ring4Slots2.class, 10, 500).check(DisruptorSlots2.class);
    }

    /** Runs the same random scenarios as the jctools check, because only an interleaving shows the bug. */
    @Test
    void brokenPosterIsReported() {
        ModelCheckingOptions options = modelChecking(CqSpecification.Ring4.class, 8, 400)
            .minimizeFailedScenario(false);

        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
            () -> options.check(BrokenPublish.class));

        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    /**
     * Shows why {@link StaleFlagVerifier} exists: in this scenario producer A reads the backlog flag
     * before B overflows, and claims a ring slot after the consumer has freed one. Lincheck's own
     * verifier reports it against the strict specification, and the relaxed verifier accepts it.
     */
    @Test
    void strictSpecRejectsStaleFlag() throws NoSuchMethodException {
        ExecutionScenario scenario = new ExecutionScenario(
            List.of(actor("terminalB"), actor("multishotA"), actor("terminalB"), actor("terminalA")),
            List.of(List.of(actor("multishotA")), List.of(actor("terminalB")), List.of(actor("reap"))),
            List.of(actor("reap"), actor("reap")),
            null);
        ModelCheckingOptions strict = new ModelCheckingOptions()
            .iterations(0)
            .invocationsPerIteration(1_000)
            .minimizeFailedScenario(false)
            .addCustomScenario(scenario)
            .sequentialSpecification(CqSpecification.Ring4.class);
        ModelCheckingOptions relaxed = new ModelCheckingOptions()
            .iterations(0)
            .invocationsPerIteration(300)
            .addCustomScenario(scenario)
            .sequentialSpecification(CqSpecification.Ring4.class)
            .verifier(StaleFlagVerifier.class);

        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
            () -> strict.check(JctoolsMpsc.class));

        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
        relaxed.check(JctoolsMpsc.class);
    }

    private static Actor actor(String operation) throws NoSuchMethodException {
        return new Actor(JctoolsMpsc.class.getMethod(operation), List.of());
    }

    /** Runs every strategy on real threads too, which also covers code the model checker treats as atomic. */
    @Test
    void lockFreeStressRuns() {
        stress(CqSpecification.Ring4.class).check(JctoolsMpsc.class);
        stress(CqSpecification.Ring8.class).check(AgronaMpsc.class);
        stress(CqSpecification.Ring4Slots1.class).check(DisruptorSlots1.class);
        stress(CqSpecification.Ring4Slots2.class).check(DisruptorSlots2.class);
    }

    private static StressOptions stress(Class<? extends CqSpecification> specification) {
        return new StressOptions()
            .threads(3)
            .actorsPerThread(2)
            .actorsBefore(5)
            .actorsAfter(3)
            .iterations(5)
            .invocationsPerIteration(500 * SCALE)
            .sequentialSpecification(specification)
            .verifier(StaleFlagVerifier.class);
    }
}
