package io.cqbench.harness.trace;

import io.cqbench.spi.Cqe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the ordering rule on a real capture, ring by ring, and gathers each ring's summary. A ring's
 * CQ order is its {@code io_uring_complete} and {@code io_uring_cqe_overflow} events in file order.
 *
 * <p>Per {@code user_data} of a ring, a CQE without {@code F_MORE} terminates the request, and no CQE of
 * that {@code user_data} may follow until an {@code io_uring_submit_req} re-arms it. That one rule
 * catches a terminating CQE moved before a multishot CQE of the same arming, a CQE copied to after its
 * terminating CQE, and overflowed CQEs reordered so that a terminating one overtakes a multishot one.
 * As in the kernel, a CQE may arrive for a request armed before the capture started.
 *
 * <p>Where the tracer lost events, every request's state is forgotten, so no violation is invented
 * across the gap; the gap is reported instead. Memory grows with the number of requests, not of CQEs.
 */
public final class TraceVerifier {
    /** Violations kept per ring for the report; all are counted. */
    private static final int MAX_REPORTED_VIOLATIONS = 100;

    private final Map<String, RingReport> rings = new LinkedHashMap<>();
    private final List<Long> gaps = new ArrayList<>();
    private final Listener listener;

    /** Receives each ring's CQ stream while a capture is verified, for example to replay it. */
    public interface Listener {
        /** Called for every CQE, in CQ order. */
        void onCqe(String ring, long userData, int res, int flags);

        /** Called when a ring's batch of one or more CQEs ends. */
        void onBatchEnd(String ring);
    }

    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void onCqe(String ring, long userData, int res, int flags) {
        }

        @Override
        public void onBatchEnd(String ring) {
        }
    };

    private TraceVerifier(Listener listener) {
        this.listener = listener;
    }

    /** Reads and checks a whole capture. Throws {@link TraceFormatException} on a malformed or empty capture. */
    public static TraceVerifier verify(TraceReader reader) throws IOException, TraceFormatException {
        return verify(reader, NO_LISTENER);
    }

    /** Reads and checks a whole capture, passing every ring's CQEs and batch ends to {@code listener}. */
    public static TraceVerifier verify(TraceReader reader, Listener listener) throws IOException, TraceFormatException {
        TraceVerifier verifier = new TraceVerifier(listener);
        TraceEvent event;
        while ((event = reader.next()) != null) {
            long gap = reader.takeGap();
            if (gap > 0) {
                verifier.gap(gap);
            }
            verifier.accept(event, reader.name());
        }
        long gap = reader.takeGap();
        if (gap > 0) {
            verifier.gap(gap);
        }
        verifier.finish();
        if (verifier.rings.isEmpty() && reader.skippedLines() == 0) {
            throw new TraceFormatException(reader.name() + ": the capture is empty");
        }
        if (verifier.rings.isEmpty()) {
            throw new TraceFormatException(reader.name() + ": no io_uring events found in " + reader.skippedLines()
                + " line(s); enable io_uring_complete, io_uring_cqe_overflow, io_uring_local_work_run,"
                + " io_uring_task_work_run and io_uring_submit_req when capturing");
        }
        long cqes = 0;
        for (RingReport ring : verifier.rings.values()) {
            cqes += ring.cqes;
        }
        if (cqes == 0) {
            throw new TraceFormatException(reader.name() + ": the capture has io_uring events but no CQE"
                + " (io_uring_complete or io_uring_cqe_overflow); was that event enabled?");
        }
        return verifier;
    }

    /** Returns one report per ring, in order of first appearance. */
    public Map<String, RingReport> rings() {
        return rings;
    }

    /** Returns the lines of the capture's {@code [LOST N EVENTS]} markers. */
    public List<Long> gaps() {
        return gaps;
    }

    /** Returns the total number of violations over all rings. */
    public long violationCount() {
        long count = 0;
        for (RingReport ring : rings.values()) {
            count += ring.violationCount;
        }
        return count;
    }

    private void gap(long line) {
        gaps.add(line);
        for (RingReport ring : rings.values()) {
            ring.forgetRequests();
        }
    }

    private void accept(TraceEvent event, String file) {
        if (event.kind() == TraceEvent.Kind.TASK_WORK_RUN) {
            // A task's task-work run ends the batch of every ring whose open batch that task posted.
            for (RingReport ring : rings.values()) {
                if (event.pid().equals(ring.batchPid)) {
                    ring.endBatch();
                }
            }
            return;
        }
        RingReport ring = rings.computeIfAbsent(event.ring(), pointer -> new RingReport(pointer, file, listener));
        switch (event.kind()) {
            case LOCAL_WORK_RUN:
                ring.endBatch();
                break;
            case SUBMIT_REQ:
                ring.submit(event);
                break;
            default:
                ring.cqe(event);
                break;
        }
    }

    private void finish() {
        for (RingReport ring : rings.values()) {
            ring.endBatch();
        }
    }

    /** One violation of the ordering rule. */
    public static final class Violation {
        public final String file;
        public final long line;
        public final long userData;
        public final String message;

        Violation(String file, long line, long userData, String message) {
            this.file = file;
            this.line = line;
            this.userData = userData;
            this.message = message;
        }

        @Override
        public String toString() {
            return file + ":" + line + ": user_data=0x" + Long.toHexString(userData) + ": " + message;
        }
    }

    /** The checks and counts of one ring. */
    public static final class RingReport {
        private enum State { ARMED, TERMINATED }

        public final String ring;
        private final String file;
        private final Listener listener;
        private final Map<Long, State> requests = new HashMap<>();
        private final Map<Long, Long> terminatedAt = new HashMap<>();
        private long distinctRequests;
        private final Map<Long, Boolean> seen = new HashMap<>();
        String batchPid;
        private String task;
        private long cqes;
        private long multishot;
        private long overflowed;
        private long submits;
        private final TreeMap<Integer, Long> terminatingByRes = new TreeMap<>();
        private long openBatch;
        private long batches;
        private final TreeMap<Long, Long> batchSizes = new TreeMap<>();
        private long violationCount;
        private final List<Violation> violations = new ArrayList<>();

        RingReport(String ring, String file, Listener listener) {
            this.ring = ring;
            this.file = file;
            this.listener = listener;
        }

        void submit(TraceEvent event) {
            submits++;
            note(event.userData());
            requests.put(event.userData(), State.ARMED);
            terminatedAt.remove(event.userData());
        }

        void cqe(TraceEvent event) {
            long userData = event.userData();
            cqes++;
            openBatch++;
            batchPid = event.pid();
            if (task == null) {
                task = event.task() + "-" + event.pid();
            }
            if (event.kind() == TraceEvent.Kind.CQE_OVERFLOW) {
                overflowed++;
            }
            note(userData);
            listener.onCqe(ring, userData, event.res(), event.flags());
            boolean multishotCqe = Cqe.hasMore(event.flags());
            if (multishotCqe) {
                multishot++;
            } else {
                terminatingByRes.merge(event.res(), 1L, Long::sum);
            }
            if (requests.get(userData) == State.TERMINATED) {
                // The request stays terminated, so every further CQE before a re-arm is reported too.
                violation(event.line(), userData, "CQE res=" + event.res() + " flags=0x" + Integer.toHexString(event.flags())
                    + " follows this request's terminating CQE (line " + terminatedAt.get(userData)
                    + ") with no io_uring_submit_req between; expected no CQE for this user_data until it is re-armed");
            } else if (multishotCqe) {
                requests.put(userData, State.ARMED);
            } else {
                requests.put(userData, State.TERMINATED);
                terminatedAt.put(userData, event.line());
            }
        }

        void endBatch() {
            if (openBatch > 0) {
                batches++;
                batchSizes.merge(openBatch, 1L, Long::sum);
                openBatch = 0;
                listener.onBatchEnd(ring);
            }
            batchPid = null;
        }

        void forgetRequests() {
            requests.clear();
            terminatedAt.clear();
        }

        private void note(long userData) {
            if (seen.putIfAbsent(userData, Boolean.TRUE) == null) {
                distinctRequests++;
            }
        }

        private void violation(long line, long userData, String message) {
            violationCount++;
            if (violations.size() < MAX_REPORTED_VIOLATIONS) {
                violations.add(new Violation(file, line, userData, message));
            }
        }

        public String task() {
            return task;
        }

        public long cqes() {
            return cqes;
        }

        /** Returns how many distinct {@code user_data} values were seen, in CQEs or submissions. */
        public long requests() {
            return distinctRequests;
        }

        public long multishotCqes() {
            return multishot;
        }

        public long overflowedCqes() {
            return overflowed;
        }

        public long submissions() {
            return submits;
        }

        /** Returns the terminating CQEs (no {@code F_MORE}) counted by {@code res}. */
        public Map<Integer, Long> terminatingByRes() {
            return terminatingByRes;
        }

        public long batches() {
            return batches;
        }

        /** Returns how many batches had each size, by size. */
        public Map<Long, Long> batchSizes() {
            return batchSizes;
        }

        public long violationCount() {
            return violationCount;
        }

        /** Returns the first violations, at most 100. */
        public List<Violation> violations() {
            return violations;
        }
    }
}
