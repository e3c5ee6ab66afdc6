/**
 * What the dispatch pipeline and live operations both decide with: the technicians' plans ({@link
 * io.dispatchgateway.gateway.dispatch.PlanBook}), reassignment and its write-back, job events between the stages,
 * escalations through their outbox and the technicians' pack links. It depends on the stores and settings, never
 * on the pipeline ({@code flow}) or live operations ({@code live}), which both build on it.
 */
package io.dispatchgateway.gateway.dispatch;
