package io.cqbench.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Result files appear whole or not at all, and a complete result is never lost. */
class ResultFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writtenFileReplacesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("run.json");

        ResultFiles.writeAtomically(target, stream -> stream.print("[]"));

        assertEquals("[]", Files.readString(target));
        assertEquals(List.of(target), files(), "the temporary file is deleted once linked");
    }

    @Test
    void targetAppearedKeepsResultsInTemporaryFile() throws IOException {
        Path target = dir.resolve("run.json");
        Files.writeString(target, "earlier");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
            () -> ResultFiles.writeAtomically(target, stream -> stream.print("new")));

        assertEquals("earlier", Files.readString(target));
        List<Path> temps = files().stream().filter(path -> !path.equals(target)).collect(Collectors.toList());
        assertEquals(1, temps.size(), temps.toString());
        assertTrue(e.getMessage().contains("results are in " + temps.get(0)), e.getMessage());
        assertEquals("new", Files.readString(temps.get(0)));
    }

    @Test
    void failedWriteLeavesNoFile() throws IOException {
        Path target = dir.resolve("run.json");

        assertThrows(IllegalStateException.class, () -> ResultFiles.writeAtomically(target, stream -> {
            stream.print("[");
            throw new IllegalStateException("serialization failed");
        }));

        assertEquals(List.of(), files());
    }
}
