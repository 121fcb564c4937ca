package io.cqbench.harness.trace;

import java.util.Map;

/** Linux errno names for the negative {@code res} values io_uring requests end with (x86_64 numbering). */
public final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
        Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(4, "EINTR"), Map.entry(5, "EIO"),
        Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"),
        Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(22, "EINVAL"), Map.entry(24, "EMFILE"),
        Map.entry(28, "ENOSPC"), Map.entry(32, "EPIPE"), Map.entry(62, "ETIME"), Map.entry(75, "EOVERFLOW"),
        Map.entry(95, "EOPNOTSUPP"), Map.entry(103, "ECONNABORTED"), Map.entry(104, "ECONNRESET"),
        Map.entry(105, "ENOBUFS"), Map.entry(107, "ENOTCONN"), Map.entry(110, "ETIMEDOUT"),
        Map.entry(111, "ECONNREFUSED"), Map.entry(114, "EALREADY"), Map.entry(125, "ECANCELED"));

    private Errno() {
    }

    /** Formats {@code res} for people: {@code -105 ENOBUFS} for a known errno, else the number. */
    public static String describe(int res) {
        if (res < 0) {
            String name = NAMES.get(-res);
            if (name != null) {
                return res + " " + name;
            }
        }
        return Integer.toString(res);
    }
}
