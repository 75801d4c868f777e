package io.jakartaredis.limiter.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** Reads a problem body back as a client does: from the UTF-8 bytes sent, with a strict JSON parser. */
final class ProblemJson {

    private ProblemJson() {
    }

    /** @throws jakarta.json.JsonException when the body is not one JSON object, alone */
    static JsonObject read(String body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
