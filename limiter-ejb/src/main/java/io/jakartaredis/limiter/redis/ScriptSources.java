package io.jakartaredis.limiter.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source of each script run by SHA, so that {@link SendOnceExecutor} can load it on the very
 * connection that answered {@code NOSCRIPT}: on a Cluster that is the node that will run it, which
 * during a slot migration is not the one the slot map names.
 */
final class ScriptSources {

    private final Map<String, String> sourceBySha1 = new ConcurrentHashMap<>();

    void add(LuaScript script) {
        sourceBySha1.putIfAbsent(script.sha1(), script.source());
    }

    /** The source of the script with this SHA1, or {@code null} when none was added. */
    String source(String sha1) {
        return sourceBySha1.get(sha1);
    }
}
