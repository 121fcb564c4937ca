package com.example.cqbench;

import io.cqbench.harness.conform.ConformanceTests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** Runs cqbench's conformance kit on the strategy: one test per property. */
class ConformanceTest {
    @TestFactory
    Stream<DynamicTest> conformance() {
        return ConformanceTests.of(new ExampleSynchronizedProvider());
    }
}
