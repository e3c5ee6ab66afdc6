/**
 * What the dispatch pipeline, live operations and the API all decide with: the technicians' plans ({@link
 * io.dispatchgateway.gateway.dispatch.PlanBook}), the approval desk and its notices, reassignment and its
 * write-back, plan optimization and the review of its proposals, the replay of a decision under another policy,
 * job events between the stages, escalations through their outbox and the technicians' pack links. It depends on
 * intake, the stores and settings, never on the pipeline ({@code flow}), live operations ({@code live}) or the
 * web, which all build on it.
 */
package io.dispatchgateway.gateway.dispatch;
