/**
 * Persistence on plain JDBC (H2 file by default, PostgreSQL supported), schema by Flyway. Reference data and
 * decisions are stored as JSON documents of the canonical records beside the columns queries need.
 */
package io.dispatchgateway.gateway.persistence;
