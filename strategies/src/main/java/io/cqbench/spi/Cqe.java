package io.cqbench.spi;

/**
 * Constants of an io_uring completion queue entry: flag bits with the values of the kernel's
 * {@code include/uapi/linux/io_uring.h}, and the errno values the workloads post.
 *
 * <p>A CQE is three values, {@code user_data} (u64), {@code res} (s32) and {@code flags} (u32).
 * cqbench passes them as {@code long}, {@code int} and {@code int} and never boxes them.
 */
public final class Cqe {
    /** {@code IORING_CQE_F_BUFFER}: a provided buffer was used, its id is {@code flags >>> 16}. */
    public static final int F_BUFFER = 1;
    /** {@code IORING_CQE_F_MORE}: the request stays armed and more CQEs for it follow. */
    public static final int F_MORE = 1 << 1;
    /** {@code IORING_CQE_F_SOCK_NONEMPTY}: more data was waiting in the socket. */
    public static final int F_SOCK_NONEMPTY = 1 << 2;
    /** {@code IORING_CQE_F_NOTIF}: a zero-copy send notification. */
    public static final int F_NOTIF = 1 << 3;
    /** Shift of the provided-buffer id inside {@code flags}. */
    public static final int BUFFER_SHIFT = 16;

    /** {@code -ENOBUFS}: a multishot recv found no provided buffer. */
    public static final int ENOBUFS = -105;
    /** {@code -ECANCELED}: the request was cancelled. */
    public static final int ECANCELED = -125;
    /** {@code POLLIN}: the poll mask of a readable file. */
    public static final int POLLIN = 0x1;

    private Cqe() {
    }

    /** Returns whether {@code flags} has {@code F_MORE}, that is whether the CQE is a multishot one. */
    public static boolean hasMore(int flags) {
        return (flags & F_MORE) != 0;
    }

    /** Returns the provided-buffer flags for buffer {@code bufferId}: {@code F_BUFFER} and the id. */
    public static int bufferFlags(int bufferId) {
        return F_BUFFER | (bufferId << BUFFER_SHIFT);
    }

    /** Returns the buffer id carried in {@code flags}; only meaningful when {@code F_BUFFER} is set. */
    public static int bufferId(int flags) {
        return flags >>> BUFFER_SHIFT;
    }

    /** Formats a CQE for messages as {@code user_data=0x.. res=.. flags=0x..}. */
    public static String format(long userData, int res, int flags) {
        return "user_data=0x" + Long.toHexString(userData) + " res=" + res + " flags=0x" + Integer.toHexString(flags);
    }
}
