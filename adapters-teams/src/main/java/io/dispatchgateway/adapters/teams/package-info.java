/** Microsoft Teams: approval cards and escalation messages posted to webhooks. */
package io.dispatchgateway.adapters.teams;
