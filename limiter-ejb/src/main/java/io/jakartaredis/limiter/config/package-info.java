/**
 * Configuration parsed once at startup into immutable records; every error names the property,
 * the value and the rule it breaks. Imports no container API.
 */
package io.jakartaredis.limiter.config;
