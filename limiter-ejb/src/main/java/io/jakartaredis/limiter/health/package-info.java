/** The MicroProfile Health readiness check of the limiter's Redis. */
package io.jakartaredis.limiter.health;
