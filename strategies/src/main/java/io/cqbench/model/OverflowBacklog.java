package io.cqbench.model;

import io.cqbench.spi.CqeHandler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BooleanSupplier;

/**
 * The kernel's CQ overflow list: CQEs that found the ring full, in posting order, ahead of anything
 * posted after them. While it is not empty ({@link #isPending()}), producers must not place new CQEs in
 * the ring; they refuse multishot CQEs and append terminating ones here.
 *
 * <p>Rule for producers: before appending, every earlier CQE of the same producer that went into the
 * ring must be visible to the consumer (committed or published). The consumer reads the backlog only
 * once the ring is empty, so an uncommitted ring entry would otherwise be overtaken.
 *
 * <p>Storage is primitive arrays that double when full, so a backlog allocates only while it grows to a
 * new maximum, never per CQE in steady state. The kernel allocates one entry per overflowed CQE and
 * drops the CQE when that fails; this model never drops one.
 */
public final class OverflowBacklog {
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(OverflowBacklog.class, "pending", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The kernel's IORING_SQ_CQ_OVERFLOW flag: set with release on append, cleared when drained empty. */
    @SuppressWarnings("unused")
    private boolean pending;
    private long[] userData = new long[16];
    private long[] resFlags = new long[16];
    private int head;
    private int size;
    private long overflowCount;

    /** Returns whether the backlog contains CQEs (acquire). Producers check it before using the ring. */
    public boolean isPending() {
        return (boolean) PENDING.getAcquire(this);
    }

    /** Appends a CQE after every CQE already in the backlog. */
    public synchronized void add(long ud, int res, int flags) {
        if (size == userData.length) {
            grow();
        }
        int slot = (head + size) & (userData.length - 1);
        userData[slot] = ud;
        resFlags[slot] = ((long) res << 32) | (flags & 0xFFFF_FFFFL);
        size++;
        overflowCount++;
        PENDING.setRelease(this, true);
    }

    /**
     * Consumer: if {@code ringEmpty} holds, hands up to {@code limit} CQEs to {@code handler}, oldest
     * first, and clears the pending flag once the backlog is empty; otherwise hands out nothing.
     *
     * <p>The ring is checked while this backlog's lock is held, which every append takes. A producer
     * publishes its ring entries before it appends, so the check finds the earlier ring entries of every
     * CQE already here. A producer that publishes into the ring after the check cannot append until the
     * drain is over. Checking before taking the lock would let a producer publish a ring entry and append
     * a later CQE in between, and the drain would hand that CQE out first.
     */
    public synchronized int drainIfRingEmpty(CqeHandler handler, int limit, BooleanSupplier ringEmpty) {
        if (size == 0 || !ringEmpty.getAsBoolean()) {
            return 0;
        }
        int count = Math.min(size, limit);
        int mask = userData.length - 1;
        for (int i = 0; i < count; i++) {
            int slot = (head + i) & mask;
            long value = resFlags[slot];
            handler.onCqe(userData[slot], (int) (value >> 32), (int) value);
        }
        head = (head + count) & mask;
        size -= count;
        if (size == 0) {
            PENDING.setRelease(this, false);
        }
        return count;
    }

    /** Returns how many CQEs have ever been appended. */
    public synchronized long overflowCount() {
        return overflowCount;
    }

    private void grow() {
        int capacity = userData.length;
        long[] newUserData = new long[capacity * 2];
        long[] newResFlags = new long[capacity * 2];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (capacity - 1);
            newUserData[i] = userData[slot];
            newResFlags[i] = resFlags[slot];
        }
        userData = newUserData;
        resFlags = newResFlags;
        head = 0;
    }
}
