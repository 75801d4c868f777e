package io.jakartaredis.limiter.cdi;

import java.util.ArrayList;
import java.util.List;

/** Reads a comma list of exception class names, as {@code limiter.policy.<name>.count-on} and {@code .refund-on} hold. */
final class ThrowableTypes {

    private ThrowableTypes() {
    }

    /**
     * @param loader the application's class loader, which sees its own exception types
     * @throws IllegalArgumentException for a name the loader cannot load or a class that is no {@link Throwable}
     */
    static List<Class<? extends Throwable>> parse(String text, ClassLoader loader) {
        List<Class<? extends Throwable>> types = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            types.add(load(name.strip(), loader));
        }
        return types;
    }

    private static Class<? extends Throwable> load(String name, ClassLoader loader) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("expected a comma list of fully qualified exception class names");
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("the application has no class " + name
                    + "; expected a comma list of fully qualified exception class names", e);
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(name + " is no Throwable; expected exception classes");
        }
        return type.asSubclass(Throwable.class);
    }
}
