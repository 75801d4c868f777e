package io.jakartaredis.limiter.demo;

/** Names the server node in responses, so that a demo shows which node answered. */
final class NodeName {

    private NodeName() {
    }

    static String current() {
        return System.getProperty("demo.node", "node");
    }
}
