package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StructuredFieldsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "api-1 | \"api-1\"",
        "a\"b | \"a\\\"b\"",
        "back\\slash | \"back\\\\slash\"",
        "' spaces ok ~' | '\" spaces ok ~\"'",
        "'' | '\"\"'"})
    void quotesStringsAndEscapesQuotesAndBackslashes(String value, String serialized) {
        assertEquals(serialized, StructuredFields.string(value));
        StructuredFieldSyntax.assertValidList(serialized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "line\nbreak", "nul\u0000", "del\u007f", "é", "\u2028"})
    void refusesCharactersThatNoSfStringCanHold(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructuredFields.string(value));
        assertTrue(e.getMessage().startsWith("an sf-string holds printable ASCII only"), e.getMessage());
    }

    @Test
    void writesIntegersOfAtMostFifteenDigits() {
        assertEquals("0", StructuredFields.integer(0));
        assertEquals("999999999999999", StructuredFields.integer(999_999_999_999_999L));
        assertEquals("-999999999999999", StructuredFields.integer(-999_999_999_999_999L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuredFields.integer(1_000_000_000_000_000L));
        assertEquals("an sf-integer has at most 15 digits, was 1000000000000000", e.getMessage());
    }
}
