package io.jakartaredis.limiter;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hostile passwords, their URL forms, and the assertion that a text shows no part of one. */
public final class Passwords {

    /** Every printable ASCII character once, space inside, none twice in a row as it appears in prose. */
    public static final String EVERY_PRINTABLE = scrambledPrintableAscii(1);
    /** Another one, for a wrong password that must not show either. */
    public static final String EVERY_PRINTABLE_OTHER = scrambledPrintableAscii(40);
    /** Like a managed service's base64 access key, with the characters that broke the old parser. */
    public static final String BASE64_KEY = "q8/Zx+Vb3/Nm+Kd9=Wp@Ls:Ty?Hr==";
    /** The case that used to show part of the password: {@code user:p@ss@host}. */
    public static final String WITH_AT = "p@ssw@rd-Qz";

    public static final List<String> ALL = List.of(EVERY_PRINTABLE, BASE64_KEY, WITH_AT);

    /** Shortest part of a password that must not show: shorter runs occur in ordinary text by chance. */
    private static final int PART = 4;
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private Passwords() {
    }

    /** 0x20..0x7E in steps of 7 (coprime with 95), so that neither end is a space and no run reads like words. */
    private static String scrambledPrintableAscii(int offset) {
        StringBuilder text = new StringBuilder(95);
        for (int i = 0; i < 95; i++) {
            text.append((char) (0x20 + (i * 7 + offset) % 95));
        }
        return text.toString();
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    public static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (UNRESERVED.indexOf(b) >= 0) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    /** Neither the password nor any {@value #PART}-character run of it, raw or percent-encoded, appears in the text. */
    public static void assertShowsNoPart(String password, String text) {
        for (String form : List.of(password, percentEncoded(password))) {
            for (int i = 0; i + PART <= form.length(); i++) {
                String part = form.substring(i, i + PART);
                assertFalse(text.contains(part), () -> "\"" + part + "\" of the password shows in: " + text);
            }
        }
    }
}
