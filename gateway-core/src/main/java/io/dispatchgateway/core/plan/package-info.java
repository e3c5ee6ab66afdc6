/**
 * Technicians' day plans: the ordered commitments of each technician (jobs in the field and proposals waiting
 * for approval), laid out on their shifts with travel at the departure time, breaks, waits for appointment
 * windows, parts picked up on the way and the drive home. The ranking inserts a new job into these plans;
 * every ETA the gateway shows is read from them.
 */
package io.dispatchgateway.core.plan;
