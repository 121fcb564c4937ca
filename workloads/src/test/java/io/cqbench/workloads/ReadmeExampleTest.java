package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strategy example in README.md must compile and keep the ordering rules. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void exampleStrategyCompilesAndVerifies() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no java code block");
        Path source = dir.resolve("src/com/example/cq/MonitorBatchProvider.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, block.group(1));
        Path classes = Files.createDirectories(dir.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "--release", "17", "-cp", System.getProperty("java.class.path"),
            "-d", classes.toString(), source.toString());
        assertEquals(0, status, "javac failed on the README example");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            CqPosterProvider provider = (CqPosterProvider) loader.loadClass("com.example.cq.MonitorBatchProvider")
                .getDeclaredConstructor().newInstance();
            assertEquals("monitor-batch", provider.alias());
            for (int entries : List.of(512, 32)) {
                CqPoster poster = provider.create(CqConfig.of(provider.alias(), provider.settings(), entries, true, Map.of()));
                assertNotNull(poster);
                MultishotPoll workload = new MultishotPoll(poster, new OrderingVerifier(128, poster.toString()), 128, 5, 0);
                for (int event = 0; event < 200; event++) {
                    workload.event(Integer.MAX_VALUE);
                }
                workload.drainAndCheck();
                assertEquals(workload.verifier().postedCount(), workload.verifier().verified(), "entries=" + entries);
                assertTrue(workload.verifier().verified() >= 200 * 128, "entries=" + entries);
            }
        }
    }
}
