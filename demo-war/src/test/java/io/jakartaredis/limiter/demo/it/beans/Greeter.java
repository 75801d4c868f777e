package io.jakartaredis.limiter.demo.it.beans;

/** Not a bean itself: its method is a business method of the beans that extend it. */
public class Greeter {

    public String greet() {
        return "greeted";
    }
}
