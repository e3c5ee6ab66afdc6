package io.dispatchgateway.gateway.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code gateway.data-dir} an absolute path before anything reads it: H2 refuses a file URL with a path
 * such as {@code data/db} ("implicitly relative"), and the inbox should not depend on how the path was written.
 * A relative value is taken from the working directory, as a user would expect.
 */
public class DataDirectory implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "gateway.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return;
        }
        Path absolute = Path.of(value).toAbsolutePath().normalize();
        if (!absolute.toString().equals(value)) {
            environment.getPropertySources().addFirst(new MapPropertySource("gateway-data-dir",
                    Map.of(PROPERTY, absolute.toString())));
        }
    }

    @Override
    public int getOrder() {
        // After the configuration files and the command line are read.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
