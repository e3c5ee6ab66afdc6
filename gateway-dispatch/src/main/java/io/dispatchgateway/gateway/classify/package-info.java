/**
 * Classification in the flow: the rule table's decision and, where the rules are in doubt and a language model is
 * configured for the tenant, the model's validated proposal on top of it, kept with the job.
 */
package io.dispatchgateway.gateway.classify;
