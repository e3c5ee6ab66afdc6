package io.dispatchgateway.gateway.settings.breach;

import io.dispatchgateway.gateway.web.ProblemResponses;

/** A deliberate breach of the module rules (settings may not use the web layer), for {@code DependencyRulesTest}. */
public final class SettingsThatReachIntoTheWeb {

    private SettingsThatReachIntoTheWeb() {
    }

    public static String uses(ProblemResponses responses) {
        return String.valueOf(responses);
    }
}
