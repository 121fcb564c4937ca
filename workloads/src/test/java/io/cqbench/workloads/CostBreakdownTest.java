package io.cqbench.workloads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost-breakdown steps driven directly, without JMH. */
class CostBreakdownTest {
    @ParameterizedTest(name = "step={0} batch={1}")
    @CsvSource({"write, 1", "tail, 1", "lock, 1", "waiter, 1", "eventfd, 1", "write, 16", "tail, 16", "lock, 16",
        "waiter, 16", "eventfd, 16"})
    void everyStepPostsItsBatch(String step, int batch) {
        CostBreakdown path = new CostBreakdown(step, batch);

        for (int i = 0; i < 100; i++) {
            path.postBatch();
        }

        assertEquals(100L * batch, path.written());
        assertEquals(!step.equals("write"), path.committedAll(), "only the write step leaves the tail uncommitted");
    }

    @Test
    void stepsAreInOrderOfTheKernelPath() {
        assertEquals(java.util.List.of("write", "tail", "lock", "waiter", "eventfd"), CostBreakdown.STEPS);
    }

    @Test
    void unknownStepIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new CostBreakdown("fence", 1));

        assertTrue(error.getMessage().contains("invalid step=fence"), error.getMessage());
        assertTrue(error.getMessage().contains("write, tail, lock, waiter, eventfd"), error.getMessage());
    }

    @Test
    void zeroBatchIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new CostBreakdown("tail", 0));

        assertFalse(error.getMessage().isEmpty());
        assertTrue(error.getMessage().contains("invalid batch=0"), error.getMessage());
    }
}
