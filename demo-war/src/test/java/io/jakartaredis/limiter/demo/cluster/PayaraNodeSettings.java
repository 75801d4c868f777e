package io.jakartaredis.limiter.demo.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one {@link PayaraNode}: the Payara Micro jar, the WAR and its context root, the HTTP
 * port (on 127.0.0.1 when the pre-boot commands say so), the root directory of the instance,
 * system properties for the application and options for the JVM. Immutable; the {@code with…}
 * methods return changed copies.
 *
 * @param microJar          {@code payara-micro.jar}
 * @param war               the WAR to deploy; its file name without {@code .war} is the application name
 * @param contextRoot       the context root of the WAR, e.g. {@code /}
 * @param port              the HTTP port; nothing else listens (no HTTPS, no cluster)
 * @param rootDir           the instance's own directory, emptied at every start
 * @param systemProperties  handed to Payara Micro with {@code --systemProperties}
 * @param prebootCommands   an {@code asadmin} command file run before the boot, if any
 * @param jvmOptions        options of the node's JVM, e.g. {@code -Xmx512m}
 */
public record PayaraNodeSettings(Path microJar, Path war, String contextRoot, int port, Path rootDir,
        Map<String, String> systemProperties, Optional<Path> prebootCommands, List<String> jvmOptions) {

    public PayaraNodeSettings {
        Objects.requireNonNull(microJar, "microJar");
        Objects.requireNonNull(war, "war");
        Objects.requireNonNull(contextRoot, "contextRoot");
        Objects.requireNonNull(rootDir, "rootDir");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        systemProperties = Map.copyOf(systemProperties);
        prebootCommands = Objects.requireNonNull(prebootCommands, "prebootCommands");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The WAR at context root {@code /}, no system properties, no pre-boot commands, 512 MB of heap. */
    public static PayaraNodeSettings of(Path microJar, Path war, int port, Path rootDir) {
        return new PayaraNodeSettings(microJar, war, "/", port, rootDir, Map.of(), Optional.empty(), List.of("-Xmx512m"));
    }

    /** A copy with one more (or a replaced) system property. */
    public PayaraNodeSettings withSystemProperty(String name, String value) {
        Map<String, String> properties = new LinkedHashMap<>(systemProperties);
        properties.put(name, value);
        return new PayaraNodeSettings(microJar, war, contextRoot, port, rootDir, properties, prebootCommands, jvmOptions);
    }

    /** A copy that runs the given {@code asadmin} command file before the boot. */
    public PayaraNodeSettings withPrebootCommands(Path commandFile) {
        return new PayaraNodeSettings(microJar, war, contextRoot, port, rootDir, systemProperties,
                Optional.of(commandFile), jvmOptions);
    }

    /** A copy whose JVM runs with the given options instead, e.g. {@code -Xmx256m}. */
    public PayaraNodeSettings withJvmOptions(List<String> options) {
        return new PayaraNodeSettings(microJar, war, contextRoot, port, rootDir, systemProperties, prebootCommands, options);
    }

    /** The node's console (standard output and error): {@code <rootDir>.log} beside the root directory. */
    public Path log() {
        return rootDir.resolveSibling(rootDir.getFileName() + ".log");
    }

    /** The file handed to {@code --systemProperties}: {@code <rootDir>.properties} beside the root directory. */
    public Path systemPropertiesFile() {
        return rootDir.resolveSibling(rootDir.getFileName() + ".properties");
    }

    /** The name Payara Micro deploys the WAR under. */
    public String applicationName() {
        return war.getFileName().toString().replaceFirst("\\.war$", "");
    }
}
