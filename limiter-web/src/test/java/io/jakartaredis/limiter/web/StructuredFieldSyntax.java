package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

/**
 * The RFC 9651 grammar of the fields we write, as a check independent of the code that writes
 * them: a List of Items whose bare item is an sf-string, with Integer parameters, serialized with
 * {@code ", "} between members.
 */
final class StructuredFieldSyntax {

    private static final String STRING = "\"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\"\\\\])*\"";
    private static final String INTEGER_PARAMETER = ";[a-z*][a-z0-9_.*-]*=-?[0-9]{1,15}";
    private static final String ITEM = STRING + "(?:" + INTEGER_PARAMETER + ")*";
    private static final Pattern LIST = Pattern.compile(ITEM + "(?:, " + ITEM + ")*");

    private StructuredFieldSyntax() {
    }

    static void assertValidList(String field) {
        assertTrue(LIST.matcher(field).matches(), () -> "not an RFC 9651 List of string Items: " + field);
    }
}
