package io.dispatchgateway.gateway.simulation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

/**
 * The settings a recording carries: those that shape decisions (classification, ranking, planning, approval,
 * operations, the intake's source lists, the zone), as this gateway resolves them, secrets left out; not where
 * the gateway's systems are.
 */
@Component
@Profile("!simulation")
public class RecordedSettings {

    private static final List<String> DECIDING = List.of("gateway.zone", "gateway.adapters.maps.offline.",
            "gateway.classification.",
            "gateway.ranking.", "gateway.planning.", "gateway.approval.", "gateway.operations.",
            "gateway.intake.committed-sources", "gateway.intake.owned-sources");
    /**
     * A setting's last name part that holds a secret, however it is written ({@code link-secret}, {@code linkSecret},
     * {@code api_key}; not {@code keywords}).
     */
    private static final Pattern SECRET = Pattern.compile(".*(password|passphrase|secret|token|key|credentials?)");

    private final ConfigurableEnvironment environment;

    public RecordedSettings(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    Map<String, String> deciding() {
        Map<String, String> settings = new TreeMap<>();
        for (var source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String key = name.toLowerCase(Locale.ROOT);
                    if (DECIDING.stream().anyMatch(key::startsWith) && !secret(key) && !settings.containsKey(name)) {
                        String value = environment.getProperty(name);
                        if (value != null) {
                            settings.put(name, value);
                        }
                    }
                }
            }
        }
        return settings;
    }

    String zone() {
        return environment.getProperty("gateway.zone", "UTC");
    }

    static boolean secret(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "").replaceAll("[-_]", "")
                .toLowerCase(Locale.ROOT);
        return SECRET.matcher(last).matches();
    }
}
