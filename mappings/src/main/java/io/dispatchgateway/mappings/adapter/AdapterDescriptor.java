package io.dispatchgateway.mappings.adapter;

import java.util.List;

/**
 * Registered by each adapter's auto-configuration while the adapter is enabled, so the gateway can say
 * which adapters are active and which ports they serve.
 *
 * @param name the adapter's configuration name ({@code gateway.adapters.<name>.*})
 * @param ports simple names of the core ports it implements
 */
public record AdapterDescriptor(String name, String description, List<String> ports) {

    public AdapterDescriptor {
        ports = List.copyOf(ports);
    }
}
