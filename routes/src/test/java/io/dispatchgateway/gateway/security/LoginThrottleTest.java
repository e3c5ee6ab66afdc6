package io.dispatchgateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static String encoded(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUserIsReadFromEveryHeaderSpringSecurityWouldAccept() {
        assertThat(LoginThrottle.basicUser("Basic " + encoded("alice:x"))).isEqualTo("alice");
        assertThat(LoginThrottle.basicUser("basic " + encoded("alice:x"))).isEqualTo("alice");
        // Spring reads the credentials from the seventh character, whatever the sixth is.
        assertThat(LoginThrottle.basicUser("Basic\t" + encoded("alice:x"))).isEqualTo("alice");
        assertThat(LoginThrottle.basicUser("BasicX" + encoded("alice:x"))).isEqualTo("alice");
        assertThat(LoginThrottle.basicUser("  Basic " + encoded("alice:x") + "  ")).isEqualTo("alice");
        assertThat(LoginThrottle.basicUser("Bearer abc")).isNull();
        assertThat(LoginThrottle.basicUser(null)).isNull();
    }
}
