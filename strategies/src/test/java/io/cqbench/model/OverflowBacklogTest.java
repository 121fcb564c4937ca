package io.cqbench.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overflow backlog: order, the pending flag, and a drain that checks the ring under its lock. */
class OverflowBacklogTest {
    private final List<Long> reaped = new ArrayList<>();

    private void record(long userData, int res, int flags) {
        reaped.add(userData);
    }

    @Test
    void drainsInAppendOrderWhenRingEmpty() {
        OverflowBacklog backlog = new OverflowBacklog();
        backlog.add(1, 0, 0);
        backlog.add(2, 0, 0);
        backlog.add(3, 0, 0);

        assertEquals(2, backlog.drainIfRingEmpty(this::record, 2, () -> true));
        assertTrue(backlog.isPending(), "one CQE is left");
        assertEquals(1, backlog.drainIfRingEmpty(this::record, 10, () -> true));

        assertEquals(List.of(1L, 2L, 3L), reaped);
        assertFalse(backlog.isPending(), "an empty backlog clears the flag");
        assertEquals(3, backlog.overflowCount());
    }

    @Test
    void handsOutNothingWhileRingHasEntries() {
        OverflowBacklog backlog = new OverflowBacklog();
        backlog.add(1, 0, 0);

        assertEquals(0, backlog.drainIfRingEmpty(this::record, 10, () -> false));

        assertTrue(reaped.isEmpty());
        assertTrue(backlog.isPending());
    }

    @Test
    void checksRingWhileHoldingTheLockAppendsTake() {
        // An append between the ring check and the drain could overtake a ring entry published just
        // before it, so the check must run under the lock that add() takes.
        OverflowBacklog backlog = new OverflowBacklog();
        backlog.add(1, 0, 0);
        boolean[] checkedUnderLock = {false};

        backlog.drainIfRingEmpty(this::record, 10, () -> {
            checkedUnderLock[0] = Thread.holdsLock(backlog);
            return true;
        });

        assertTrue(checkedUnderLock[0], "the ring check ran without the backlog's lock");
    }
}
