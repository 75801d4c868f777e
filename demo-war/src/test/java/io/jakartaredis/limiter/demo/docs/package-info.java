/**
 * The examples of the manual (README.md and docs/) that have no home in the demo application:
 * compiled here so that a snippet the reader copies is code that compiles. The manual's tests
 * check that every {@code java} block of the manual appears in a compiled source file.
 */
package io.jakartaredis.limiter.demo.docs;
