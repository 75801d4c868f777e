package io.jakartaredis.limiter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv4 literals are read character by character exactly as the rule says: four dot-separated decimals, 0 to 255, no leading zero. */
class Ipv4LiteralFuzzTest {

    /** The rule written plainly, by splitting the text, for comparison. */
    private static long bySplitting(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            boolean digits = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!digits || part.length() > 1 && part.charAt(0) == '0' || Integer.parseInt(part) > 255) {
                return -1;
            }
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "1.2.3.4", "10.0.0.1", "", ".", "...", "1.2.3", "1.2.3.4.",
        ".1.2.3.4", "1..2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.00", "1.2.3.0", "1.2.3.-1", "1.2.3.+1",
        "1.2.3.4 ", "1.2.3.\u0664", "1000.1.1.1", "0x1.1.1.1"})
    void readsEachEdgeAsTheRuleSays(String text) {
        assertEquals(bySplitting(text), IpLiterals.ipv4(text), text);
    }

    @Test
    void readsEveryShortTextOfDigitsAndDotsAsTheRuleSays() {
        Random random = new Random(20_261_203);
        String alphabet = "0123456789..a ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(17); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(bySplitting(text.toString()), IpLiterals.ipv4(text.toString()), text.toString());
        }
    }

    @Test
    void readsEveryWellFormedAddressToItsValue() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            long value = random.nextLong() & 0xffff_ffffL;
            String text = (value >> 24) + "." + (value >> 16 & 0xff) + "." + (value >> 8 & 0xff) + "." + (value & 0xff);
            assertEquals(value, IpLiterals.ipv4(text), text);
        }
    }
}
