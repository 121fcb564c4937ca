package io.cqbench.harness;

import io.cqbench.harness.broken.CatalogJar;
import io.cqbench.harness.broken.CorrectModelProvider;
import io.cqbench.harness.broken.TerminalBypassProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.JarEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cqbench conform}: verdicts on jars and built-in strategies, and every kind of bad input. */
class ConformCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result conform(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "conform";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Cli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path catalogJar() throws IOException {
        return CatalogJar.write(dir.resolve("catalog.jar"), TerminalBypassProvider.class, CorrectModelProvider.class);
    }

    @Test
    void failsBrokenStrategyOfJarNamingTheProperty() throws Exception {
        Result result = conform("--jar", catalogJar().toString(), "--strategy", "broken-terminal-bypass",
            "--stress-time", "300ms", "--seed", "0x2a");

        assertEquals(1, result.status, result.out + result.err);
        assertTrue(result.out.contains("seed 0x2a (replay with --seed 0x2a)"), result.out);
        assertTrue(result.out.matches("(?s).*FAIL +terminal-after-deferred .*terminating CQE overtook.*"), result.out);
        assertTrue(result.out.contains("conform: 1 of 1 failed: broken-terminal-bypass"), result.out);
    }

    @Test
    void passesOnlyTheJarsCorrectStrategy() throws Exception {
        Result result = conform("--jar", catalogJar().toString(), "--strategy", "catalog-control", "--stress-time", "300ms");

        assertEquals(0, result.status, result.out + result.err);
        assertTrue(result.out.contains("catalog-control: 12 passed, 0 failed, 0 skipped"), result.out);
        assertTrue(result.out.contains("conform: every strategy passed"), result.out);
        assertTrue(!result.out.contains("per-cqe-lock"), "built-in strategies are not part of a jar's check: " + result.out);
    }

    @Test
    void passesBuiltInStrategyWithSettings() {
        Result result = conform("--strategy", "deferred-array", "--setting", "slots=4", "--stress-time", "300ms");

        assertEquals(0, result.status, result.out + result.err);
        assertTrue(result.out.contains("settings {slots=4}"), result.out);
    }

    @Test
    void rejectsMissingJar() {
        Result result = conform("--jar", dir.resolve("nope.jar").toString());

        assertEquals(2, result.status);
        assertTrue(result.err.contains("nope.jar is not a file"), result.err);
    }

    @Test
    void rejectsJarWithoutServicesFile() throws Exception {
        Path jar = dir.resolve("empty.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.closeEntry();
        }

        Result result = conform("--jar", jar.toString());

        assertEquals(2, result.status);
        assertTrue(result.err.contains("declares no strategy: it has no META-INF/services/io.cqbench.spi.CqPosterProvider"),
            result.err);
    }

    @Test
    void rejectsServicesEntryThatIsNotAProvider() throws Exception {
        Path jar = dir.resolve("wrong.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/io.cqbench.spi.CqPosterProvider"));
            out.write("java.lang.String\ncom.example.Missing\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        Result result = conform("--jar", jar.toString());

        assertEquals(2, result.status);
        assertTrue(result.err.contains("names java.lang.String"), result.err);
        assertTrue(result.err.contains("does not implement io.cqbench.spi.CqPosterProvider"), result.err);
    }

    @Test
    void rejectsUnknownStrategyListingTheJarsOnes() throws Exception {
        Result result = conform("--jar", catalogJar().toString(), "--strategy", "per-cqe-lock");

        assertEquals(2, result.status);
        assertTrue(result.err.contains("--strategy per-cqe-lock is not among the strategies of"), result.err);
        assertTrue(result.err.contains("broken-terminal-bypass, catalog-control"), result.err);
    }

    @Test
    void rejectsInvalidSettingWithItsRange() {
        Result result = conform("--strategy", "deferred-array", "--setting", "slots=0");

        assertEquals(2, result.status);
        assertTrue(result.err.contains("slots=0"), result.err);
        assertTrue(result.err.contains("1 to 65536"), result.err);
    }

    @Test
    void rejectsBadOptionValues() {
        assertTrue(conform("--stress-time", "fast").err.contains("invalid --stress-time fast: expected a whole number with the unit ms, s, m or h"));
        assertTrue(conform("--stress-time", "10ms").err.contains("invalid --stress-time 10ms: expected a whole number with the unit ms, s, m or h, from 100ms to 24h"));
        assertTrue(conform("--seed", "0xZZ").err.contains("invalid --seed 0xZZ"));
        assertTrue(conform("--setting", "slots").err.contains("--setting needs NAME=VALUE"));
        assertTrue(conform("--frobnicate", "1").err.contains("unknown conform option --frobnicate"));
        assertTrue(conform("--frobnicate").err.contains("unknown conform option --frobnicate"));
        assertTrue(conform("--strategies", "per-cqe-lock", "--strategy", "per-cqe-lock").err
            .contains("--strategy names per-cqe-lock twice; name each once"));
        assertTrue(conform("--setting", "slots=4", "--setting", "slots=8").err
            .contains("--setting slots is given twice; give each setting once"));
        assertTrue(conform("--jar").err.contains("--jar needs a value"));
        assertEquals(2, conform("some.jar").status);
    }
}
