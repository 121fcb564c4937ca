package io.cqbench.workloads;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walk-through in README.md's "Adding a strategy" shows the files of examples/strategy-example, which
 * the root build compiles and runs the conformance kit on. These tests keep the two identical.
 */
class ReadmeExampleTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "strategy-example");
    private static final String SOURCES = "src/main/java/com/example/cqbench/";

    /** Returns the text of README.md from "## Adding a strategy" to the next second-level heading. */
    private static String walkThrough() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Adding a strategy\n");
        assertTrue(start >= 0, "README.md has no section \"## Adding a strategy\"");
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    /** Returns the contents of the fenced code blocks of {@code language}, in order. */
    private static List<String> codeBlocks(String text, String language) {
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    @Test
    void javaBlocksEqualExampleSources() throws IOException {
        List<String> blocks = codeBlocks(walkThrough(), "java");
        List<Path> sources = List.of(
            EXAMPLE.resolve(SOURCES + "ExampleSynchronizedProvider.java"),
            EXAMPLE.resolve(SOURCES + "ExampleSynchronizedPoster.java"),
            EXAMPLE.resolve("src/test/java/com/example/cqbench/ConformanceTest.java"));

        assertEquals(sources.size(), blocks.size(), "java blocks in the walk-through, one per example source");
        for (int i = 0; i < sources.size(); i++) {
            assertEquals(Files.readString(sources.get(i)), blocks.get(i),
                "java block " + (i + 1) + " of the walk-through differs from " + sources.get(i));
        }
    }

    @Test
    void pomExcerptLinesAppearInExamplePom() throws IOException {
        List<String> blocks = codeBlocks(walkThrough(), "xml");
        Set<String> pomLines = Files.readAllLines(EXAMPLE.resolve("pom.xml")).stream().map(String::trim)
            .collect(Collectors.toSet());

        assertEquals(1, blocks.size(), "xml blocks in the walk-through");
        for (String line : blocks.get(0).split("\n")) {
            String trimmed = line.trim();
            // "<!-- ... -->" marks where the excerpt leaves lines out.
            if (!trimmed.isEmpty() && !trimmed.equals("<!-- ... -->")) {
                assertTrue(pomLines.contains(trimmed), "the walk-through's pom.xml excerpt has a line that"
                    + " examples/strategy-example/pom.xml lacks: " + trimmed);
            }
        }
    }

    @Test
    void servicesBlockEqualsServicesFile() throws IOException {
        String services = Files.readString(
            EXAMPLE.resolve("src/main/resources/META-INF/services/io.cqbench.spi.CqPosterProvider"));

        assertTrue(walkThrough().contains("```\n" + services + "```"),
            "the walk-through does not show the services file as it is: " + services);
    }
}
