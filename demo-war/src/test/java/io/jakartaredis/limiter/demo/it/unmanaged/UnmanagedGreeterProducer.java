package io.jakartaredis.limiter.demo.it.unmanaged;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InterceptionFactory;

/** Wraps an instance that the container did not create, so the extension never saw its class. */
@ApplicationScoped
public class UnmanagedGreeterProducer {

    @Produces
    @Dependent
    UnmanagedGreeter greeter(InterceptionFactory<UnmanagedGreeter> factory) {
        return factory.createInterceptedInstance(new UnmanagedGreeter());
    }
}
