package io.jakartaredis.limiter.demo.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the console log of a Payara Micro node: whether it has booted, whether it deployed an
 * application, and its error lines. Payara Micro logs a failed deployment and boots on with nothing
 * deployed, so "ready" alone does not mean the application runs.
 */
final class PayaraConsole {

    /** Payara Micro's last boot line: "Payara Micro 6.2025.10 #badassmicrofish (build …) ready in 12,345 (ms)". */
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in ");
    private static final List<String> DEPLOYMENT_FAILURES = List.of("Exception while loading the app",
            "Exception during lifecycle processing");
    /** Lines that say why, e.g. the limiter's "limiter.policy.api.limits: … is invalid". */
    private static final List<String> EXPLANATIONS = List.of("Exception while loading the app",
            "Exception during lifecycle processing", "DeploymentException", "Caused by", "is invalid");

    private final Path file;

    PayaraConsole(Path file) {
        this.file = file;
    }

    boolean isReady() {
        return READY.matcher(text()).find();
    }

    /** Whether the boot summary lists the application among the deployed ones. */
    boolean hasDeployed(String applicationName) {
        return Pattern.compile("\"Name\":\\s*\"" + Pattern.quote(applicationName) + "\"").matcher(text()).find();
    }

    boolean hasDeploymentFailure() {
        String text = text();
        return DEPLOYMENT_FAILURES.stream().anyMatch(text::contains);
    }

    /** The distinct lines that explain a failed deployment, joined for a message. */
    String failureLines() {
        return text().lines()
                .filter(line -> EXPLANATIONS.stream().anyMatch(line::contains))
                .map(String::strip)
                .distinct()
                .collect(Collectors.joining("\n  "));
    }

    /** The last lines of the log, for a failure message. */
    String tail(int lines) {
        List<String> all = text().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String text() {
        try {
            // Malformed bytes (a half-written character) must not hide the rest of the log.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Payara Micro log " + file, e);
        }
    }
}
