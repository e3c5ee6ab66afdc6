/**
 * ServiceTitan's payloads as the adapter reads and writes them, after the published OpenAPI documents
 * (jpm, dispatch, crm v2). Only the fields the gateway uses are declared; others are ignored on read.
 */
package io.dispatchgateway.adapters.servicetitan.dto;
