/** Classification: a rule table that turns a job's words and its customer's tier into category, priority, skill, duration and SLA. */
package io.dispatchgateway.core.classify;
