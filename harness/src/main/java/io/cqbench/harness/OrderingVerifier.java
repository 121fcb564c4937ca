package io.cqbench.harness;

import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqeHandler;

import java.util.Arrays;

/**
 * Checks a reaped CQ stream against what the producer posted, CQE by CQE. It is the application side
 * of every workload: pass it to {@link io.cqbench.spi.CqPoster#reap} as the handler.
 *
 * <p>Requests are numbered {@code 0..requests-1}. By default a CQE's request is the low 32 bits of its
 * {@code user_data}, so a workload may keep an arming generation in the high bits; a
 * {@link UserDataIndex} can map arbitrary {@code user_data} values instead. For each request the
 * verifier keeps the CQEs posted but not yet reaped, in posting order, and checks that
 * <ul>
 * <li>each reaped CQE is the oldest unreaped CQE posted for its request, with the same {@code res} and
 * {@code flags}: nothing lost, duplicated, reordered or altered within a request, and so a multishot CQE
 * never overtaken by its request's terminating CQE, in the ring or in the overflow backlog;</li>
 * <li>no CQE of a request arrives after its terminating CQE until the application re-arms it with
 * {@link #arm};</li>
 * <li>after draining ({@link #checkDrained()}), every posted CQE was reaped.</li>
 * </ul>
 * The first violation throws {@link OrderingViolation} with the position in the stream, the
 * {@code user_data}, and the expected and actual CQE.
 *
 * <p>Per-CQE cost is a few array reads and writes, the same for every strategy, and nothing is
 * allocated once each request's queue has grown to its largest size. Not thread-safe: one thread
 * both records posts and reaps.
 */
public final class OrderingVerifier implements CqeHandler {
    /**
     * Marks a request with nothing reaped yet. Only a CQE with res -1 and every flag bit set shares the
     * value, and then only the wording of a message changes.
     */
    private static final long NONE = -1L;

    private final String context;
    private final int requests;
    private final UserDataIndex index;
    private final long[] armedUserData;
    private final boolean[] armed;
    /** Per request: posted, unreaped {@code res << 32 | flags} values, a ring of power-of-two size. */
    private final long[][] unreaped;
    private final int[] unreapedHead;
    private final int[] unreapedSize;
    /** Per request: the last reaped {@code res << 32 | flags}, to name a duplicate as such. */
    private final long[] lastReaped;
    private long position;
    private long posted;
    private long terminations;

    /**
     * Creates a verifier for {@code requests} requests, none armed. {@code context} names the
     * strategy and workload in violation messages.
     */
    public OrderingVerifier(int requests, String context) {
        this(requests, context, UserDataIndex.LOW_32_BITS);
    }

    /** Creates a verifier whose requests are numbered by {@code index}. */
    public OrderingVerifier(int requests, String context, UserDataIndex index) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests=" + requests + " must be at least 1");
        }
        this.context = context;
        this.requests = requests;
        this.index = index;
        this.armedUserData = new long[requests];
        this.armed = new boolean[requests];
        this.unreaped = new long[requests][];
        for (int i = 0; i < requests; i++) {
            unreaped[i] = new long[4];
        }
        this.unreapedHead = new int[requests];
        this.unreapedSize = new int[requests];
        this.lastReaped = new long[requests];
        Arrays.fill(lastReaped, NONE);
    }


    /**
     * Records that the application armed (or re-armed) a request under {@code userData}. The request
     * must not be armed already.
     */
    public void arm(long userData) {
        int request = requestOf(userData, -1);
        if (armed[request]) {
            throw new IllegalStateException(context + ": request " + request + " armed twice; its user_data is 0x"
                + Long.toHexString(armedUserData[request]) + " and its terminating CQE has not been reaped");
        }
        if (unreapedSize[request] != 0) {
            throw violation("re-armed user_data=0x" + Long.toHexString(userData) + " while "
                + unreapedSize[request] + " CQE(s) posted for it are unreaped: the producer posted after the "
                + "terminating CQE", userData, position);
        }
        armed[request] = true;
        armedUserData[request] = userData;
    }

    /** Records a CQE the producer posted successfully (a refused multishot CQE is not recorded). */
    public void posted(long userData, int res, int flags) {
        int request = requestOf(userData, -1);
        int size = unreapedSize[request];
        long[] queue = unreaped[request];
        if (size == queue.length) {
            queue = grow(request);
        }
        queue[(unreapedHead[request] + size) & (queue.length - 1)] = ((long) res << 32) | (flags & 0xFFFF_FFFFL);
        unreapedSize[request] = size + 1;
        posted++;
    }

    /** Checks one reaped CQE; throws {@link OrderingViolation} on the first one that breaks a rule. */
    @Override
    public void onCqe(long userData, int res, int flags) {
        int request = requestOf(userData, position);
        if (!armed[request]) {
            throw violation("CQE " + Cqe.format(userData, res, flags)
                + " arrived after its request's terminating CQE and before the request was re-armed; expected no CQE"
                + " for this user_data", userData, position);
        }
        if (armedUserData[request] != userData) {
            throw violation("CQE " + Cqe.format(userData, res, flags) + " belongs to an earlier arming; the request"
                + " is armed as user_data=0x" + Long.toHexString(armedUserData[request]), userData, position);
        }
        int size = unreapedSize[request];
        long actual = ((long) res << 32) | (flags & 0xFFFF_FFFFL);
        if (size == 0) {
            String symptom = actual == lastReaped[request]
                ? "duplicated CQE: the same as the previous CQE reaped for this user_data"
                : "CQE was reaped but never posted, or reaped twice";
            throw violation(symptom + ": " + Cqe.format(userData, res, flags) + "; expected no CQE for this user_data",
                userData, position);
        }
        long[] queue = unreaped[request];
        int head = unreapedHead[request];
        long expected = queue[head];
        if (expected != actual) {
            throw violation(mismatch(request, userData, expected, res, flags, size), userData, position);
        }
        lastReaped[request] = actual;
        unreapedHead[request] = (head + 1) & (queue.length - 1);
        unreapedSize[request] = size - 1;
        if (!Cqe.hasMore(flags)) {
            armed[request] = false;
            terminations++;
        }
        position++;
    }

    /**
     * Checks that every posted CQE was reaped. Call once the producer has committed and the poster has
     * been reaped until it returned nothing.
     */
    public void checkDrained() {
        for (int request = 0; request < requests; request++) {
            int size = unreapedSize[request];
            if (size != 0) {
                long first = unreaped[request][unreapedHead[request]];
                long userData = armedUserData[request];
                throw violation(size + " CQE(s) posted for user_data=0x" + Long.toHexString(userData)
                    + " were never reaped; the oldest is " + Cqe.format(userData, (int) (first >> 32), (int) first)
                    + " (" + position + " CQEs reaped in all, " + posted + " posted)", userData, -1);
            }
        }
    }

    /** Returns how many CQEs were reaped and passed every check. */
    public long verified() {
        return position;
    }

    /** Returns how many CQEs were recorded as posted. */
    public long postedCount() {
        return posted;
    }

    /** Returns how many terminating CQEs were reaped. */
    public long terminations() {
        return terminations;
    }

    /** Returns whether the request of {@code userData} is armed: its terminating CQE has not been reaped. */
    public boolean isArmed(long userData) {
        return armed[index.indexOf(userData)];
    }

    /**
     * Names the symptom of a reaped CQE that is not the oldest unreaped one of its request: where it
     * sits among the request's unreaped CQEs distinguishes a skip (lost or overtaken) from a duplicate or an
     * altered CQE.
     */
    private String mismatch(int request, long userData, long expected, int res, int flags, int unreapedCount) {
        long actual = ((long) res << 32) | (flags & 0xFFFF_FFFFL);
        long[] queue = unreaped[request];
        int head = unreapedHead[request];
        int skipped = -1;
        for (int i = 1; i < unreapedCount; i++) {
            if (queue[(head + i) & (queue.length - 1)] == actual) {
                skipped = i;
                break;
            }
        }
        int expectedRes = (int) (expected >> 32);
        int expectedFlags = (int) expected;
        String symptom;
        if (skipped > 0 && !Cqe.hasMore(flags)) {
            symptom = "terminating CQE overtook " + skipped + " multishot CQE(s) of the same request";
        } else if (skipped > 0) {
            symptom = "CQE skipped " + skipped + " earlier CQE(s) of its request: they were lost or overtaken";
        } else if (actual == lastReaped[request]) {
            symptom = "duplicated CQE: the same as the previous CQE reaped for this user_data";
        } else if (Cqe.hasMore(expectedFlags) && !Cqe.hasMore(flags)) {
            symptom = "terminating CQE overtook a multishot CQE of the same request";
        } else {
            symptom = "CQE altered, duplicated or never posted";
        }
        return symptom + ": expected " + Cqe.format(userData, expectedRes, expectedFlags) + ", got "
            + Cqe.format(userData, res, flags) + " (" + unreapedCount + " posted CQE(s) of this request unreaped)";
    }

    private int requestOf(long userData, long at) {
        int request = index.indexOf(userData);
        if (request < 0 || request >= requests) {
            throw violation("CQE user_data=0x" + Long.toHexString(userData) + " names request " + (request & 0xFFFF_FFFFL)
                + ", but only requests 0.." + (requests - 1) + " exist", userData, at);
        }
        return request;
    }

    private long[] grow(int request) {
        long[] queue = unreaped[request];
        long[] bigger = new long[queue.length * 2];
        int head = unreapedHead[request];
        for (int i = 0; i < unreapedSize[request]; i++) {
            bigger[i] = queue[(head + i) & (queue.length - 1)];
        }
        unreaped[request] = bigger;
        unreapedHead[request] = 0;
        return bigger;
    }

    private OrderingViolation violation(String what, long userData, long at) {
        String where = at >= 0 ? " at CQ position " + at : " after draining";
        return new OrderingViolation("ordering violation in " + context + where + ": " + what, userData, at);
    }

    @Override
    public String toString() {
        return "OrderingVerifier{" + context + ", verified=" + position + ", posted=" + posted
            + ", unreaped=" + Arrays.stream(unreapedSize).asLongStream().sum() + "}";
    }
}
