package io.cqbench.harness;

import io.cqbench.spi.Cqe;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-written CQ streams the verifier must reject, and ones it must accept. */
class OrderingVerifierTest {
    private static final int MORE = Cqe.F_MORE;
    private static final long GEN1 = 1L << 32;

    private static OrderingVerifier verifier(int requests) {
        OrderingVerifier verifier = new OrderingVerifier(requests, "strategy test-strategy, workload hand-written");
        for (int request = 0; request < requests; request++) {
            verifier.arm(request);
        }
        return verifier;
    }

    private static OrderingViolation expectViolation(Runnable stream) {
        return assertThrows(OrderingViolation.class, stream::run);
    }

    @Test
    void rejectsTerminalBeforeDeferredMultishot() {
        OrderingVerifier verifier = verifier(2);
        verifier.posted(0, 10, MORE);
        verifier.posted(0, 11, MORE);
        verifier.posted(0, Cqe.ECANCELED, 0);

        verifier.onCqe(0, 10, MORE);
        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, Cqe.ECANCELED, 0));

        assertTrue(violation.getMessage().contains("terminating CQE overtook 1 multishot CQE(s) of the same request"), violation.getMessage());
        assertTrue(violation.getMessage().contains("at CQ position 1"), violation.getMessage());
        assertTrue(violation.getMessage().contains("test-strategy"), violation.getMessage());
        assertTrue(violation.getMessage().contains("expected user_data=0x0 res=11 flags=0x2"), violation.getMessage());
        assertEquals(0, violation.userData());
        assertEquals(1, violation.position());
    }

    @Test
    void rejectsLostCqeInTheMiddle() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 1, MORE);
        verifier.posted(0, 2, MORE);
        verifier.posted(0, 3, MORE);

        verifier.onCqe(0, 1, MORE);
        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 3, MORE));

        assertTrue(violation.getMessage().contains("CQE skipped 1 earlier CQE(s) of its request: they were lost or overtaken"), violation.getMessage());
    }

    @Test
    void rejectsLostCqeAtTheEnd() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 1, MORE);
        verifier.posted(0, 2, MORE);
        verifier.onCqe(0, 1, MORE);

        OrderingViolation violation = expectViolation(verifier::checkDrained);

        assertTrue(violation.getMessage().contains("1 CQE(s) posted for user_data=0x0 were never reaped"), violation.getMessage());
        assertTrue(violation.getMessage().contains("res=2"), violation.getMessage());
        assertEquals(-1, violation.position());
    }

    @Test
    void rejectsDuplicate() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 1, MORE);
        verifier.onCqe(0, 1, MORE);

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 1, MORE));

        assertTrue(violation.getMessage().contains("duplicated CQE: the same as the previous CQE reaped"), violation.getMessage());
    }

    @Test
    void rejectsCqeNeverPosted() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 1, MORE);
        verifier.onCqe(0, 1, MORE);

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 9, MORE));

        assertTrue(violation.getMessage().contains("reaped but never posted, or reaped twice"), violation.getMessage());
    }

    @Test
    void rejectsDuplicateBeforeTerminal() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 1, MORE);
        verifier.posted(0, 0, 0);
        verifier.onCqe(0, 1, MORE);

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 1, MORE));

        assertTrue(violation.getMessage().contains("duplicated CQE"), violation.getMessage());
    }

    @Test
    void rejectsCqeAfterTerminationWithoutRearm() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 1, MORE);
        verifier.posted(0, Cqe.ENOBUFS, 0);
        verifier.onCqe(0, 1, MORE);
        verifier.onCqe(0, Cqe.ENOBUFS, 0);

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 2, MORE));

        assertTrue(violation.getMessage().contains("after its request's terminating CQE and before the request was re-armed"),
            violation.getMessage());
        assertEquals(2, violation.position());
    }

    @Test
    void rejectsCqeOfEarlierArming() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 0, 0);
        verifier.onCqe(0, 0, 0);
        verifier.arm(GEN1);

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 5, MORE));

        assertTrue(violation.getMessage().contains("belongs to an earlier arming"), violation.getMessage());
    }

    @Test
    void rejectsReorderedBacklog() {
        // Two multishot CQEs and the terminating one all overflowed; the backlog handed them out swapped.
        OrderingVerifier verifier = verifier(2);
        verifier.posted(1, 7, MORE);
        verifier.posted(0, 20, MORE);
        verifier.posted(0, 21, MORE);
        verifier.posted(0, 0, 0);
        verifier.onCqe(1, 7, MORE);
        verifier.onCqe(0, 20, MORE);

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 0, 0));

        assertTrue(violation.getMessage().contains("terminating CQE overtook 1 multishot CQE(s) of the same request"), violation.getMessage());
    }

    @Test
    void rejectsAlteredCqe() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 100, MORE | Cqe.bufferFlags(3));

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(0, 100, MORE | Cqe.bufferFlags(4)));

        assertTrue(violation.getMessage().contains("altered"), violation.getMessage());
    }

    @Test
    void rejectsUnknownRequest() {
        OrderingVerifier verifier = verifier(2);

        OrderingViolation violation = expectViolation(() -> verifier.onCqe(5, 1, MORE));

        assertTrue(violation.getMessage().contains("names request 5, but only requests 0..1 exist"), violation.getMessage());
    }

    @Test
    void rejectsRearmWhilePostedCqesAreUnreaped() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 0, 0);
        verifier.onCqe(0, 0, 0);
        verifier.posted(0, 9, MORE);

        OrderingViolation violation = expectViolation(() -> verifier.arm(GEN1));

        assertTrue(violation.getMessage().contains("producer posted after the terminating CQE"), violation.getMessage());
    }

    @Test
    void acceptsDeferredArrayReordering() {
        // The deferred array's order: multishot CQEs of the batch first, then its terminating CQEs,
        // even when a terminating CQE was posted before another request's multishot CQE.
        OrderingVerifier verifier = verifier(3);
        verifier.posted(0, 1, MORE);
        verifier.posted(1, 0, 0);
        verifier.posted(2, 1, MORE);
        verifier.posted(0, 2, MORE);

        verifier.onCqe(0, 1, MORE);
        verifier.onCqe(2, 1, MORE);
        verifier.onCqe(0, 2, MORE);
        verifier.onCqe(1, 0, 0);
        verifier.checkDrained();

        assertEquals(4, verifier.verified());
        assertEquals(1, verifier.terminations());
        assertFalse(verifier.isArmed(1));
    }

    @Test
    void acceptsRearmedRequestWithNewGeneration() {
        OrderingVerifier verifier = verifier(1);
        verifier.posted(0, 1, MORE);
        verifier.posted(0, Cqe.ECANCELED, 0);
        verifier.onCqe(0, 1, MORE);
        verifier.onCqe(0, Cqe.ECANCELED, 0);
        verifier.arm(GEN1);
        verifier.posted(GEN1, 1, MORE);
        verifier.onCqe(GEN1, 1, MORE);
        verifier.checkDrained();

        assertEquals(3, verifier.verified());
        assertTrue(verifier.isArmed(GEN1));
    }

    @Test
    void acceptsLongRunsBeyondInitialQueueSize() {
        OrderingVerifier verifier = verifier(1);
        for (int i = 0; i < 1000; i++) {
            verifier.posted(0, i, MORE);
        }
        for (int i = 0; i < 1000; i++) {
            verifier.onCqe(0, i, MORE);
        }
        verifier.checkDrained();

        assertEquals(1000, verifier.verified());
    }

    @Test
    void rejectsArmingTwice() {
        OrderingVerifier verifier = verifier(1);

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> verifier.arm(0));

        assertTrue(error.getMessage().contains("armed twice"), error.getMessage());
    }
}
