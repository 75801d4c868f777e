package io.jakartaredis.limiter.virtual;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads for tests compiled to Java 17 bytecode (as the library is) and run on Java 21 or
 * later: the Java 21 API is reached through method handles.
 */
final class VirtualThreads {

    private static final MethodHandle NEW_PER_TASK_EXECUTOR = handle(Executors.class, "newVirtualThreadPerTaskExecutor",
            MethodType.methodType(ExecutorService.class), true);
    private static final MethodHandle IS_VIRTUAL = handle(Thread.class, "isVirtual",
            MethodType.methodType(boolean.class), false);

    private VirtualThreads() {
    }

    /** Whether this JVM has virtual threads (Java 21 or later). */
    static boolean available() {
        return NEW_PER_TASK_EXECUTOR != null;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}: one new virtual thread per task. */
    static ExecutorService newPerTaskExecutor() {
        try {
            return (ExecutorService) requireAvailable().invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual-thread executor", e);
        }
    }

    /** {@code thread.isVirtual()}. */
    static boolean isVirtual(Thread thread) {
        requireAvailable();
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot ask whether " + thread + " is virtual", e);
        }
    }

    private static MethodHandle requireAvailable() {
        if (!available()) {
            throw new IllegalStateException("virtual threads need Java 21 or later, this is " + Runtime.version());
        }
        return NEW_PER_TASK_EXECUTOR;
    }

    private static MethodHandle handle(Class<?> owner, String name, MethodType type, boolean isStatic) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return isStatic ? lookup.findStatic(owner, name, type) : lookup.findVirtual(owner, name, type);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(owner.getName() + "." + name + " is not public", e);
        }
    }
}
