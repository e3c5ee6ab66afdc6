/** Intake: the contract a job arrives in and the field-level checks it must pass before the gateway accepts it. */
package io.dispatchgateway.core.intake;
