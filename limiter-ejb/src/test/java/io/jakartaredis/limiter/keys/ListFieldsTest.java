package io.jakartaredis.limiter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListFieldsTest {

    private static final int LIMIT = ForwardingChain.MAX_CHARS;

    /** Text that counts how many characters are read from it. */
    private static final class CountingText implements CharSequence {
        private final String text;
        private long reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException();
        }
    }

    /** A quote after a run of backslashes longer than the budget: the run is not counted to its end. */
    @Test
    void readsNoBackslashBeyondTheLimit() {
        String line = "\\".repeat(1 << 20) + "\"a\", for=203.0.113.7";
        CountingText text = new CountingText(line);
        int comma = line.lastIndexOf(',');
        assertEquals(ListFields.BEYOND_LIMIT, ListFields.lastElementStart(text, comma, true, LIMIT));
        assertTrue(text.reads <= 2L * LIMIT, "read " + text.reads + " characters under a limit of " + LIMIT);
    }

    @Test
    void theHopAProxyAppendedAfterABackslashFloodIsStillRead() {
        String line = "\\".repeat(1 << 20) + "\"a\", for=203.0.113.7";
        assertEquals(java.util.List.of(IpAddress.parse("203.0.113.7"), java.util.Optional.<IpAddress>empty()),
                ForwardingChain.hops(ForwardingHeader.Syntax.RFC_7239, java.util.List.of(line)));
    }
}
