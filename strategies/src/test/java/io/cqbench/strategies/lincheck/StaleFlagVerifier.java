package io.cqbench.strategies.lincheck;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.kotlinx.lincheck.util.VoidResult;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Checks a run of {@link PosterModelCheck} against the CQ rules of {@link CqSpecification}, relaxed in
 * two ways that Lincheck's own linearizability verifier cannot express, because it places each whole
 * operation at one point.
 *
 * <p><b>A producer may act on a state it saw earlier in the same operation.</b> The lock-free
 * strategies read the backlog flag, and later claim a ring slot with a separate atomic step. Between
 * the two, another producer can overflow into the backlog and the consumer can free a slot, so the
 * claim succeeds although the backlog is no longer empty. Likewise a producer that found the ring full
 * appends to the backlog a little later, when the ring may have room again. No order of whole
 * operations explains these results, and Lincheck's model checker finds the first one for
 * {@code jctools-mpsc} against the strict specification. Both are benign for the SPI's ordering
 * promise, because a producer's CQE still reaches the consumer after every earlier CQE of its request.
 *
 * <p><b>A claimed ring entry becomes visible only when its producer publishes it.</b> The claim
 * counts against the ring's room at once, but until the publish the consumer stops in front of the
 * entry. It also hands out no backlog CQE, because the ring is not empty. The SPI allows this: a reap
 * that returns fewer CQEs means only that no more are visible now.
 *
 * <p>So this verifier searches for a linearization: an order of atomic steps that respects real time.
 * Each step is the placement of one CQE, one CQE a reap hands out, or the point where a reap finds
 * none. The steps must meet these rules:
 * <ul>
 *   <li>An operation's steps are in program order, inside the operation's interval.
 *   <li>A CQE enters the ring only when the ring has room at that step and the backlog was empty at
 *       some state of the step's window.
 *   <li>A multishot CQE is rejected, or a CQE goes to the backlog, only when the backlog was pending
 *       or the ring was full at some state of that window.
 *   <li>A step's window begins after every operation that finished before its own operation began, and
 *       after the previous step of the same thread. So a producer never misses its own overflow.
 *   <li>With a private batch ({@code slots > 0}), a multishot CQE is accepted when the backlog was
 *       empty at some state since its operation began, and rejected when it was pending at some such
 *       state.
 *   <li>A reap hands out the ring's oldest CQE, and the backlog's oldest only when the ring is empty.
 *   <li>A reap that hands out nothing does so at a point where the ring and the backlog are empty, or
 *       where the ring's oldest entry was claimed by an operation that had not finished when the reap
 *       began. A reap that hands out some CQEs may stop before its limit with more visible: the SPI
 *       promises only that 0 means none is visible, and {@code agrona-mpsc} stops at the end of its
 *       buffer.
 * </ul>
 * Every result, each CQE's content and the order of the ring and of the backlog are compared exactly.
 * The init and post parts of a scenario run sequentially, so there each window is a single state,
 * every claim is published, and the rules are the strict ones.
 */
public final class StaleFlagVerifier implements Verifier {
    private final int entries;
    private final int slots;

    /** Lincheck's constructor: reads the ring size and batch size from the specification class. */
    public StaleFlagVerifier(Class<?> sequentialSpecification) {
        CqSpecification specification;
        try {
            specification = (CqSpecification) sequentialSpecification.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("sequential specification " + sequentialSpecification.getName()
                + " must be a CqSpecification with a public no-argument constructor", e);
        }
        this.entries = specification.entries();
        this.slots = specification.slots();
    }

    @Override
    public boolean verifyResults(ExecutionScenario scenario, ExecutionResult result) {
        return new Search(scenario, result).run(new CqModel(entries, slots));
    }

    /** The kinds of operation {@link PosterModelCheck} declares, found by method name. */
    private enum Kind { MULTISHOT, TWO_MULTISHOTS, TERMINAL, REAP }

    /** The owner of ring entries claimed in the init or post part, where every claim is published at once. */
    private static final int SEQUENTIAL = -1;

    /** One operation of the scenario with the result it returned. */
    private static final class Operation {
        final Kind kind;
        final int producer;
        final LincheckResult result;
        /** The operation's thread in the parallel part, or -1 in the init or post part. */
        final int thread;
        final int index;
        /**
         * Per thread, how many of its operations had finished when this one began, or null outside the
         * parallel part.
         */
        final int[] clockOnStart;
        /** For a reap, the labels it returned, or none when it returned {@link CheckedCqe#NONE}. */
        final String[] reaped;

        Operation(Actor actor, LincheckResult result, int thread, int index, int[] clockOnStart) {
            String name = actor.getMethod().getName();
            this.producer = name.endsWith("A") ? CheckedCqe.PRODUCER_A : CheckedCqe.PRODUCER_B;
            if (name.startsWith("multishot")) {
                kind = Kind.MULTISHOT;
            } else if (name.startsWith("twoMultishots")) {
                kind = Kind.TWO_MULTISHOTS;
            } else if (name.startsWith("terminal")) {
                kind = Kind.TERMINAL;
            } else if (name.equals("reap")) {
                kind = Kind.REAP;
            } else {
                throw new IllegalArgumentException("operation " + name + " is unknown to " + StaleFlagVerifier.class);
            }
            this.result = result;
            this.thread = thread;
            this.index = index;
            this.clockOnStart = clockOnStart;
            this.reaped = kind == Kind.REAP ? reapedLabels(result) : null;
        }

        private static String[] reapedLabels(LincheckResult result) {
            if (!(result instanceof ValueResult) || !(((ValueResult) result).getValue() instanceof String)) {
                // An exception or another result without a value: one label that no CQE matches.
                return new String[] {String.valueOf(result)};
            }
            String labels = (String) ((ValueResult) result).getValue();
            return labels.equals(CheckedCqe.NONE) ? new String[0] : labels.split(", ");
        }

        int steps() {
            switch (kind) {
                case TWO_MULTISHOTS:
                    return 2;
                case REAP:
                    return Math.max(reaped.length, 1);
                default:
                    return 1;
            }
        }

        /** Returns the owner id this operation gives the ring entries it claims. */
        int owner() {
            return thread < 0 ? SEQUENTIAL : thread * 1024 + index;
        }

        /** Returns whether the operation that claimed an entry with {@code owner} had finished when this one began. */
        boolean startedAfter(int owner) {
            if (owner == SEQUENTIAL || clockOnStart == null) {
                return true;
            }
            int ownerThread = owner / 1024;
            int ownerIndex = owner % 1024;
            return ownerThread == thread ? ownerIndex < index : clockOnStart[ownerThread] > ownerIndex;
        }
    }

    /** One atomic step of an operation: a placement, a CQE handed out, or a reap finding none. */
    private static final class Step {
        final Operation operation;
        final int event;

        Step(Operation operation, int event) {
            this.operation = operation;
            this.event = event;
        }
    }

    /** Receives one allowed outcome of a step and returns whether the rest of the run matched too. */
    private interface Outcome {
        boolean accept(CqModel next, Object stepResult);
    }

    private interface Placed {
        boolean accept(CqModel next);
    }

    private interface Decided {
        boolean accept(CqModel next, boolean accepted);
    }

    private interface Then {
        boolean run(CqModel model);
    }

    /**
     * A depth-first search over linearizations of steps. {@link #pending} and {@link #full} record the
     * flags of every state of the current linearization prefix, index 0 being the empty CQ, so that a
     * step can ask what its window saw.
     */
    private static final class Search {
        private final List<Step> init = new ArrayList<>();
        private final List<List<Step>> threads = new ArrayList<>();
        private final List<Step> post = new ArrayList<>();
        /** Per thread and operation, the index of the operation's last step in the thread's steps. */
        private final int[][] lastStep;
        /** Per thread and step, the state after the step in the current linearization. */
        private final int[][] endState;
        /** Per thread, and last for the init and post parts, the first state the current operation may have seen. */
        private final int[] operationStart;
        /**
         * Per thread, and last for the init and post parts, whether the current operation's first event
         * was accepted.
         */
        private final boolean[] firstAccepted;
        private boolean[] pending = new boolean[64];
        private boolean[] full = new boolean[64];
        private int states;

        Search(ExecutionScenario scenario, ExecutionResult result) {
            addSteps(init, scenario.getInitExecution(), result.getInitResults());
            List<List<Actor>> parallel = scenario.getParallelExecution();
            int threadCount = parallel.size();
            lastStep = new int[threadCount][];
            endState = new int[threadCount][];
            operationStart = new int[threadCount + 1];
            firstAccepted = new boolean[threadCount + 1];
            for (int t = 0; t < threadCount; t++) {
                List<ResultWithClock> withClocks = result.getParallelResultsWithClock().get(t);
                List<Step> steps = new ArrayList<>();
                lastStep[t] = new int[parallel.get(t).size()];
                for (int i = 0; i < parallel.get(t).size(); i++) {
                    ResultWithClock withClock = withClocks.get(i);
                    Operation operation = new Operation(parallel.get(t).get(i), withClock.getResult(), t, i,
                        withClock.getClockOnStart().getClock().clone());
                    for (int event = 0; event < operation.steps(); event++) {
                        steps.add(new Step(operation, event));
                    }
                    lastStep[t][i] = steps.size() - 1;
                }
                threads.add(steps);
                endState[t] = new int[steps.size()];
            }
            addSteps(post, scenario.getPostExecution(), result.getPostResults());
        }

        private static void addSteps(List<Step> steps, List<Actor> actors, List<? extends LincheckResult> results) {
            for (int i = 0; i < actors.size(); i++) {
                Operation operation = new Operation(actors.get(i), results.get(i), -1, i, null);
                for (int event = 0; event < operation.steps(); event++) {
                    steps.add(new Step(operation, event));
                }
            }
        }

        boolean run(CqModel initial) {
            push(initial);
            return sequential(init, 0, initial, next -> parallelPart(new int[threads.size()], next, states - 1));
        }

        /** Runs the steps of an init or post part in order, each with the current state as its whole window. */
        private boolean sequential(List<Step> steps, int index, CqModel model, Then then) {
            if (index == steps.size()) {
                return then.run(model);
            }
            Step step = steps.get(index);
            int slot = threads.size();
            if (step.event == 0) {
                operationStart[slot] = states - 1;
            }
            return expand(step, model, states - 1, operationStart[slot], (next, stepResult) ->
                finish(step, slot, stepResult) && sequential(steps, index + 1, next, then));
        }

        private boolean parallelPart(int[] progress, CqModel model, int initEnd) {
            boolean done = true;
            for (int t = 0; t < threads.size(); t++) {
                int index = progress[t];
                if (index == threads.get(t).size()) {
                    continue;
                }
                done = false;
                Step step = threads.get(t).get(index);
                int windowStart = windowStart(t, index, progress, initEnd);
                if (windowStart < 0) {
                    continue;
                }
                int thread = t;
                int savedStart = operationStart[thread];
                boolean savedAccepted = firstAccepted[thread];
                if (step.event == 0) {
                    operationStart[thread] = windowStart;
                }
                boolean found = expand(step, model, windowStart, operationStart[thread], (next, stepResult) -> {
                    if (!finish(step, thread, stepResult)) {
                        return false;
                    }
                    endState[thread][index] = states - 1;
                    progress[thread]++;
                    boolean rest = parallelPart(progress, next, initEnd);
                    progress[thread]--;
                    return rest;
                });
                operationStart[thread] = savedStart;
                firstAccepted[thread] = savedAccepted;
                if (found) {
                    return true;
                }
            }
            return done && sequential(post, 0, model, next -> true);
        }

        /**
         * Returns the first state a step may have seen: the state after the thread's previous step, or
         * after the last step of the latest operation that finished before this step's operation began.
         * Returns -1 when one of those operations is not yet in the linearization.
         */
        private int windowStart(int thread, int index, int[] progress, int initEnd) {
            int start = initEnd;
            if (index > 0) {
                start = Math.max(start, endState[thread][index - 1]);
            }
            int[] clock = threads.get(thread).get(index).operation.clockOnStart;
            for (int u = 0; u < threads.size(); u++) {
                if (u == thread || clock[u] == 0) {
                    continue;
                }
                int before = lastStep[u][clock[u] - 1];
                if (progress[u] <= before) {
                    return -1;
                }
                start = Math.max(start, endState[u][before]);
            }
            return start;
        }

        /** Checks a producer operation's result after its last step, and keeps the first event's outcome before it. */
        private boolean finish(Step step, int slot, Object stepResult) {
            Operation operation = step.operation;
            if (operation.kind == Kind.REAP) {
                return true;
            }
            if (operation.kind == Kind.TWO_MULTISHOTS && step.event == 0) {
                firstAccepted[slot] = (Boolean) stepResult;
                return true;
            }
            Object result = operation.kind == Kind.TWO_MULTISHOTS
                ? word(firstAccepted[slot]) + " " + word((Boolean) stepResult)
                : stepResult;
            if (operation.result instanceof ValueResult) {
                return Objects.equals(((ValueResult) operation.result).getValue(), result);
            }
            return operation.result == VoidResult.INSTANCE && result == null;
        }

        private static String word(boolean accepted) {
            return accepted ? "accepted" : "rejected";
        }

        /** Enumerates the allowed outcomes of one step whose window begins at state {@code stepStart}. */
        private boolean expand(Step step, CqModel model, int stepStart, int operationStart, Outcome outcome) {
            Operation operation = step.operation;
            switch (operation.kind) {
                case REAP:
                    return reapStep(operation, step.event, model, outcome);
                case TERMINAL: {
                    CqModel started = model.copy();
                    int res = started.nextEvent(operation.producer);
                    return placeTerminal(started, operation, res, stepStart, next -> outcome.accept(next, null));
                }
                case MULTISHOT:
                case TWO_MULTISHOTS:
                    return multishot(model, operation, operationStart, stepStart,
                        (next, accepted) -> outcome.accept(next, accepted));
                default:
                    throw new IllegalStateException("unhandled kind " + operation.kind);
            }
        }

        /** Checks one CQE the reap handed out or, for a reap that handed out none, that none was visible. */
        private boolean reapStep(Operation operation, int event, CqModel model, Outcome outcome) {
            if (event < operation.reaped.length) {
                CqModel next = model.copy();
                String reapedLabel = next.take();
                if (!operation.reaped[event].equals(reapedLabel)) {
                    return false;
                }
                return step(next, () -> outcome.accept(next, reapedLabel));
            }
            CqModel.Entry head = model.ringHead();
            boolean nothingVisible = head == null
                ? !model.backlogPending()
                : !operation.startedAfter(head.owner);
            return nothingVisible && step(model, () -> outcome.accept(model, null));
        }

        /**
         * One multishot event: accepted into the ring (or, with a private batch, placed like any CQE), or
         * rejected and followed by the request's terminating CQE.
         */
        private boolean multishot(CqModel model, Operation operation, int operationStart, int stepStart,
                                  Decided decided) {
            CqModel started = model.copy();
            int producer = operation.producer;
            int res = started.nextEvent(producer);
            boolean mayAccept;
            boolean mayReject;
            if (started.slots == 0) {
                mayAccept = backlogEmptySince(stepStart) && !started.ringFull();
                mayReject = blockedSince(stepStart);
            } else {
                mayAccept = backlogEmptySince(operationStart);
                mayReject = pendingSince(operationStart);
            }
            if (mayAccept) {
                String label = started.multishotLabel(producer, res);
                boolean found;
                if (started.slots == 0) {
                    CqModel next = started.copy();
                    next.addToRing(label, operation.owner());
                    found = step(next, () -> decided.accept(next, true));
                } else {
                    found = place(started, operation, label, stepStart, next -> decided.accept(next, true));
                }
                if (found) {
                    return true;
                }
            }
            return mayReject
                && placeTerminal(started, operation, res, stepStart, next -> decided.accept(next, false));
        }

        private boolean placeTerminal(CqModel model, Operation operation, int res, int stepStart, Placed placed) {
            CqModel terminated = model.copy();
            String label = terminated.terminate(operation.producer, res);
            return place(terminated, operation, label, stepStart, placed);
        }

        /** Places one CQE in the ring or the backlog, as the step's window allows. */
        private boolean place(CqModel model, Operation operation, String label, int stepStart, Placed placed) {
            if (backlogEmptySince(stepStart) && !model.ringFull()) {
                CqModel next = model.copy();
                next.addToRing(label, operation.owner());
                if (step(next, () -> placed.accept(next))) {
                    return true;
                }
            }
            if (blockedSince(stepStart)) {
                CqModel next = model.copy();
                next.addToBacklog(label);
                return step(next, () -> placed.accept(next));
            }
            return false;
        }

        /** Appends {@code next} to the linearization, runs the rest of the search, and removes it again. */
        private boolean step(CqModel next, BooleanSupplier rest) {
            push(next);
            try {
                return rest.getAsBoolean();
            } finally {
                states--;
            }
        }

        private void push(CqModel model) {
            if (states == pending.length) {
                pending = Arrays.copyOf(pending, states * 2);
                full = Arrays.copyOf(full, states * 2);
            }
            pending[states] = model.backlogPending();
            full[states] = model.ringFull();
            states++;
        }

        private boolean backlogEmptySince(int start) {
            for (int i = start; i < states; i++) {
                if (!pending[i]) {
                    return true;
                }
            }
            return false;
        }

        private boolean pendingSince(int start) {
            for (int i = start; i < states; i++) {
                if (pending[i]) {
                    return true;
                }
            }
            return false;
        }

        private boolean blockedSince(int start) {
            for (int i = start; i < states; i++) {
                if (pending[i] || full[i]) {
                    return true;
                }
            }
            return false;
        }
    }
}
