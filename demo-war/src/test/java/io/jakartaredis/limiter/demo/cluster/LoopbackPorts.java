package io.jakartaredis.limiter.demo.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a TCP port of 127.0.0.1 can be listened on right now. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As servers bind: connections of an earlier run in TIME_WAIT do not make the port taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
