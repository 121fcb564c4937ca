package io.cqbench.model;

import io.cqbench.spi.CqeHandler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The CQ ring shared by producer and consumer, laid out like the kernel's: a power-of-two array of
 * 16-byte CQEs, a tail the producer publishes and a head the consumer advances.
 *
 * <p>Producer side: {@link #hasRoom()}, {@link #write} and {@link #commitTail()} must be called by one
 * thread at a time, or under a lock that all producers take (the kernel's completion lock).
 * {@link #write} only fills an entry; nothing is visible until {@link #commitTail()}. Consumer side:
 * {@link #reap} and {@link #isEmpty()} from one thread.
 */
public final class CqRing {
    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);
    // Head and tail live in one long[] 128 bytes apart, so each has its own cache line (and its own
    // adjacent-line prefetch pair) without a padding class hierarchy.
    private static final int HEAD = 16;
    private static final int TAIL = 32;

    /** Entry i is {@code cqes[2i] = user_data}, {@code cqes[2i + 1] = res << 32 | flags}: 16 bytes. */
    private final long[] cqes;
    private final int mask;
    private final int entries;
    private final long[] indices = new long[48];

    // Producer-only state, the kernel's ctx->cached_cq_tail and a cached copy of the head.
    private long cachedTail;
    private long cachedHead;

    public CqRing(int entries) {
        if (entries < 2 || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("entries=" + entries + " is not a power of two >= 2");
        }
        this.entries = entries;
        this.mask = entries - 1;
        this.cqes = new long[entries * 2];
    }

    public int entries() {
        return entries;
    }

    /** Producer: returns whether one more entry fits, refreshing the consumer's head only when needed. */
    public boolean hasRoom() {
        if (cachedTail - cachedHead < entries) {
            return true;
        }
        // Acquire pairs with the consumer's release of the head: once the head moved past an entry, the
        // consumer has finished reading it and the entry may be overwritten.
        cachedHead = (long) INDEX.getAcquire(indices, HEAD);
        return cachedTail - cachedHead < entries;
    }

    /**
     * Producer: refreshes the consumer's head and returns how many entries can be written from the
     * tail on without overwriting an unreaped one or wrapping past the end of the array. This is the
     * kernel's {@code io_cqe_cache_refill}, which caches that range as a pointer and a sentinel so that
     * each following CQE costs a pointer bump. 0 means the ring is full.
     */
    public int freeContiguous() {
        cachedHead = (long) INDEX.getAcquire(indices, HEAD);
        long free = entries - (cachedTail - cachedHead);
        long untilWrap = entries - (cachedTail & mask);
        return (int) Math.min(free, untilWrap);
    }

    /** Producer: fills the next entry (the caller checked {@link #hasRoom()}); visible after {@link #commitTail()}. */
    public void write(long userData, int res, int flags) {
        int slot = (int) (cachedTail & mask) << 1;
        cqes[slot] = userData;
        cqes[slot + 1] = ((long) res << 32) | (flags & 0xFFFF_FFFFL);
        cachedTail++;
    }

    /** Producer: returns whether entries were written since the last commit. */
    public boolean hasUncommitted() {
        return cachedTail != (long) INDEX.getOpaque(indices, TAIL);
    }

    /**
     * Producer: the kernel's {@code io_commit_cqring}, a release store of the tail
     * ({@code smp_store_release(&rings->cq.tail, ctx->cached_cq_tail)}). Every entry written before it
     * becomes visible to a consumer that reads the tail with acquire.
     */
    public void commitTail() {
        INDEX.setRelease(indices, TAIL, cachedTail);
    }

    /** Consumer: hands up to {@code limit} committed entries to {@code handler}, then releases the head. */
    public int reap(CqeHandler handler, int limit) {
        long head = (long) INDEX.getOpaque(indices, HEAD);
        // Acquire pairs with commitTail's release: entries below the tail are fully written.
        long tail = (long) INDEX.getAcquire(indices, TAIL);
        int count = (int) Math.min(tail - head, limit);
        for (int i = 0; i < count; i++) {
            int slot = (int) ((head + i) & mask) << 1;
            long resFlags = cqes[slot + 1];
            handler.onCqe(cqes[slot], (int) (resFlags >> 32), (int) resFlags);
        }
        if (count > 0) {
            // Release: the reads above happen before a producer can see these entries as free.
            INDEX.setRelease(indices, HEAD, head + count);
        }
        return count;
    }

    /** Consumer: returns whether every committed entry has been reaped. */
    public boolean isEmpty() {
        return (long) INDEX.getOpaque(indices, HEAD) == (long) INDEX.getAcquire(indices, TAIL);
    }
}
