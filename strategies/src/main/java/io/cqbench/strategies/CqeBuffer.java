package io.cqbench.strategies;

/**
 * A producer's private list of CQEs waiting to be posted, in posting order: primitive arrays, no
 * object per CQE. With {@code growable} it doubles when full (allocation only when a batch exceeds the
 * largest seen so far); otherwise the owner must flush it when {@link #isFull()}.
 */
final class CqeBuffer {
    private long[] userData;
    private long[] resFlags;
    private int size;
    private final boolean growable;

    CqeBuffer(int capacity, boolean growable) {
        this.userData = new long[capacity];
        this.resFlags = new long[capacity];
        this.growable = growable;
    }

    boolean isFull() {
        return size == userData.length;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(long ud, int res, int flags) {
        if (size == userData.length) {
            if (!growable) {
                throw new IllegalStateException("CQE buffer of " + userData.length + " entries is full; flush it first");
            }
            userData = java.util.Arrays.copyOf(userData, size * 2);
            resFlags = java.util.Arrays.copyOf(resFlags, size * 2);
        }
        userData[size] = ud;
        resFlags[size] = ((long) res << 32) | (flags & 0xFFFF_FFFFL);
        size++;
    }

    long userData(int i) {
        return userData[i];
    }

    int res(int i) {
        return (int) (resFlags[i] >> 32);
    }

    int flags(int i) {
        return (int) resFlags[i];
    }

    void clear() {
        size = 0;
    }
}
