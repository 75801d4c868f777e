package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyDefaults;

/**
 * Every {@code ```properties} block of the manual is a file a reader may copy as it is: parsed
 * as {@code .properties} and validated by the limiter's own readers (core and filter rules), as
 * a deployment would validate it, with the policies that the {@code @RateLimited} annotations of
 * the page's {@code ```java} blocks declare.
 */
class ManualPropertiesSnippetsTest {

    /** A value holding {@code " #"} or {@code " !"} is, in every case in a manual, a comment meant to be inline. */
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s[#!]");
    private static final Pattern ANNOTATION = Pattern.compile("@RateLimited\\(([^)]*)\\)");

    @TestFactory
    Stream<DynamicTest> everyPropertiesBlockIsAValidConfiguration() {
        List<ManualPages.CodeBlock> blocks = ManualPages.codeBlocks("properties");
        assertTrue(blocks.size() >= 10, "the manual's properties blocks were not found: " + blocks.size());
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> {
            Map<String, String> values = parse(block.text());
            assertFalse(values.isEmpty(), block.where() + " sets no property");
            Map<String, PolicyDefaults> declared = declaredOn(block.page());
            assertDoesNotThrow(() -> validate(values, declared), block.where());
        }));
    }

    @Test
    void anInlineCommentIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("limiter.policy.per-api-key.limits=100/1m    # operators change it\n"));
        assertEquals("limiter.policy.per-api-key.limits: the value \"100/1m    # operators change it\" holds what looks"
                + " like an inline comment; a .properties file has none, put the comment on a line of its own", e.getMessage());
    }

    @Test
    void aBlockTheReadersRejectFailsValidation() {
        Map<String, String> values = parse("""
                limiter.policy.login.limits=5/1m
                limiter.web.rules.login.pattern=/api/login
                limiter.web.rules.login.polcy=login
                """);
        assertThrows(InvalidConfigurationException.class, () -> validate(values, Map.of()));
    }

    /** The policies that the {@code @RateLimited} annotations in the page's Java blocks declare. */
    static Map<String, PolicyDefaults> declaredOn(Path page) {
        Map<String, PolicyDefaults> declared = new TreeMap<>();
        for (ManualPages.CodeBlock block : ManualPages.codeBlocks(page, "java")) {
            Matcher annotation = ANNOTATION.matcher(block.text());
            while (annotation.find()) {
                String members = annotation.group(1);
                String origin = "@RateLimited on " + block.where();
                declared.put(member(members, "policy").orElseThrow(), new PolicyDefaults(member(members, "limits").orElse(""),
                        origin, Integer.parseInt(member(members, "concurrency").orElse("0")),
                        member(members, "leaseTimeout").orElse(""), origin));
            }
        }
        return declared;
    }

    private static Optional<String> member(String members, String name) {
        Matcher m = Pattern.compile("\\b" + name + " = (?:\"([^\"]*)\"|([^,)\\s]+))").matcher(members);
        return m.find() ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2)) : Optional.empty();
    }

    /** The properties of a block, refusing values that hold what looks like an inline comment. */
    static Map<String, String> parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (INLINE_COMMENT.matcher(value).find()) {
                throw new IllegalArgumentException(name + ": the value \"" + value + "\" holds what looks like an inline"
                        + " comment; a .properties file has none, put the comment on a line of its own");
            }
            values.put(name, value);
        }
        return values;
    }

    /** What a deployment validates: the core's configuration, then the filter rules against its policies. */
    static void validate(Map<String, String> values, Map<String, PolicyDefaults> declared) {
        ConfigValues config = ConfigValues.of(values);
        LimiterConfig limiter = LimiterConfigReader.read(config, declared);
        WebConfigReader.read(config, name -> Optional.ofNullable(limiter.policies().get(name))
                .orElseThrow(() -> new IllegalArgumentException("unknown policy '" + name + "'")));
    }
}
