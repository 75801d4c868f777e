package io.jakartaredis.limiter.demo.it.remote;

import jakarta.ejb.Remote;

/** A remote business interface: the container passes arguments, results and exceptions by value. */
@Remote
public interface RemoteCounter {

    String call();
}
