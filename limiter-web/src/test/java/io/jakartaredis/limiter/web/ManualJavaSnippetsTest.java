package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of the manual appears, line for line, in a Java source file that the
 * build compiles (main or test sources of a module; examples without a home in the application
 * live in demo-war's test package {@code io.jakartaredis.limiter.demo.docs}). Indentation, blank
 * lines and comments are not compared: they do not decide whether the code compiles.
 */
class ManualJavaSnippetsTest {

    private static final Map<Path, List<String>> SOURCES = sources();

    @TestFactory
    Stream<DynamicTest> everyJavaBlockIsCompiledCode() {
        List<ManualPages.CodeBlock> blocks = ManualPages.codeBlocks("java");
        assertTrue(blocks.size() >= 10, "the manual's java blocks were not found: " + blocks.size());
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> {
            List<String> snippet = code(block.text());
            assertFalse(snippet.isEmpty(), block.where() + " holds no code");
            assertTrue(SOURCES.values().stream().anyMatch(source -> Collections.indexOfSubList(source, snippet) >= 0),
                    block.where() + " is in no source file of the build:\n" + String.join("\n", snippet));
        }));
    }

    @Test
    void commentsIndentationAndBlankLinesAreNotCompared() {
        assertEquals(List.of("int a = 1;", "String url = \"redis://localhost:6379\";"), code("""
                /** Javadoc. */
                    int a = 1;   // one

                // a comment line
                String url = "redis://localhost:6379";
                """));
    }

    /** The lines of code: stripped, without blank lines, comment lines and trailing comments. */
    static List<String> code(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String code = line.replaceFirst("\\s+//.*$", "").strip();
            boolean comment = code.startsWith("//") || code.startsWith("/*") || code.startsWith("*");
            if (!code.isEmpty() && !comment) {
                lines.add(code);
            }
        }
        return lines;
    }

    private static Map<Path, List<String>> sources() {
        Map<Path, List<String>> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ManualPages.ROOT)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
                    && !p.toString().contains("/target/")).forEach(p -> sources.put(p, code(read(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
