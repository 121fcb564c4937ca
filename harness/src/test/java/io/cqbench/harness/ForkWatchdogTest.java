package io.cqbench.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time limit of benchmark forks: its option syntax, its defaults, and the kill itself. */
class ForkWatchdogTest {
    @Test
    void parsesEachUnit() {
        assertEquals(Duration.ofSeconds(90), ForkWatchdog.parseLimit("90s"));
        assertEquals(Duration.ofMinutes(10), ForkWatchdog.parseLimit("10m"));
        assertEquals(Duration.ofHours(24), ForkWatchdog.parseLimit("24h"));
        assertEquals(Duration.ofSeconds(1), ForkWatchdog.parseLimit("1s"));
    }

    @Test
    void formatsLargestWholeUnit() {
        assertEquals("74s", ForkWatchdog.format(Duration.ofSeconds(74)));
        assertEquals("2m", ForkWatchdog.format(Duration.ofSeconds(120)));
        assertEquals("3h", ForkWatchdog.format(Duration.ofHours(3)));
    }

    @Test
    void defaultLimitPerProfile() {
        assertEquals("62s", ForkWatchdog.format(ForkWatchdog.defaultLimit(iterationMillis(Profile.SMOKE))));
        assertEquals("74s", ForkWatchdog.format(ForkWatchdog.defaultLimit(iterationMillis(Profile.QUICK))));
        assertEquals("90s", ForkWatchdog.format(ForkWatchdog.defaultLimit(iterationMillis(Profile.FULL))));
    }

    private static double iterationMillis(Profile profile) {
        return profile.warmupIterations() * profile.warmupMillis()
            + profile.measurementIterations() * profile.measurementMillis();
    }

    @Test
    void killsForkPastLimit() throws Exception {
        // bash keeps its last argument as $0, so the watchdog takes this child for a JMH fork. The second
        // command keeps bash from replacing itself with sleep.
        Process fork = new ProcessBuilder("bash", "-c", "sleep 60; exit 0", "org.openjdk.jmh.runner.ForkedMain").start();
        List<Long> killed = new CopyOnWriteArrayList<>();
        try (ForkWatchdog watchdog = new ForkWatchdog(Duration.ofSeconds(1), killed::add)) {
            assertTrue(fork.waitFor(10, TimeUnit.SECONDS), "the fork was not killed within 10 s");
        } finally {
            fork.destroyForcibly();
        }

        assertEquals(List.of(fork.pid()), killed);
        assertEquals(137, fork.exitValue(), "killed with SIGKILL");
    }

    @Test
    void leavesOtherChildrenAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        List<Long> killed = new CopyOnWriteArrayList<>();
        try (ForkWatchdog watchdog = new ForkWatchdog(Duration.ofSeconds(1), killed::add)) {
            assertFalse(other.waitFor(2, TimeUnit.SECONDS), "a child that is no JMH fork was stopped");
        } finally {
            other.destroyForcibly();
        }

        assertEquals(List.of(), killed);
    }
}
