package io.jakartaredis.limiter.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Kills child processes that a test left running when the JVM exits, whatever the reason. */
final class ProcessReaper {

    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(Process::destroyForcibly),
                "redis-test-reaper"));
    }

    private ProcessReaper() {
    }

    static void register(Process process) {
        CHILDREN.add(process);
        process.onExit().thenRun(() -> CHILDREN.remove(process));
    }
}
