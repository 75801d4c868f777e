package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPatternTest {

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        "/login, /login, true",
        "/login, /login/, false",
        "/login, /login/x, false",
        "/login, /LOGIN, false",
        "/login, /loginx, false",
        "/api/*, /api, true",
        "/api/*, /api/, true",
        "/api/*, /api/v1/items, true",
        "/api/*, /apix, false",
        "/api/*, /ap, false",
        "/api/v1/*, /api/v1/x, true",
        "/api/v1/*, /api/v2/x, false",
        "*.json, /items.json, true",
        "*.json, /a/b/items.json, true",
        "*.json, /a.json/items, false",
        "*.json, /items.jsonx, false",
        "*.json, /json, false",
        "*.json, /a/.json, true",
        "/, /, true",
        "/, /anything/at/all.json, true",
        "/*, /, true",
        "/*, /x, true"})
    void matchesLikeServletMappings(String pattern, String path, boolean matches) {
        assertEquals(matches, UrlPattern.parse(pattern).matches(path));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/login, /login", "/api/*, /api/*", "*.json, *.json", "/, /*", "/*, /*"})
    void printsItsForm(String pattern, String printed) {
        assertEquals(printed, UrlPattern.parse(pattern).toString());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"api/*", "login", "*", "**", "*.", "*.a/b", "*.tar.gz", "*.j*", "/a*", "/api/*/x", "/*/x",
        "/api/**", "http://host/x"})
    void refusesWhatIsNoServletPattern(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlPattern.parse(pattern));
        assertEquals("expected a servlet URL pattern: /exact/path, /prefix/*, *.extension, or / for every request",
                e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"/a b", "/a\tb", "/a\u0000", "/a\u007f"})
    void refusesSpacesAndControlCharacters(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlPattern.parse(pattern));
        assertEquals("expected a servlet URL pattern: /exact/path, /prefix/*, *.extension, or / for every request; "
                + "no spaces or control characters", e.getMessage());
    }
}
