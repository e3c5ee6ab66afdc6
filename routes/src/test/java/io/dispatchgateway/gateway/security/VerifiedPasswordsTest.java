package io.dispatchgateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordsTest {

    /** BCrypt at its lowest cost, counting how often it is asked. */
    private static final class CountingHashes implements PasswordEncoder {
        final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        final AtomicInteger matches = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aMatchIsHashedOnceWithinTheKeepAndAgainAfterIt() {
        CountingHashes hashes = new CountingHashes();
        MovableClock clock = new MovableClock();
        VerifiedPasswords passwords = new VerifiedPasswords(hashes, clock);
        String stored = hashes.encode("dispatcher");

        for (int i = 0; i < 50; i++) {
            assertThat(passwords.matches("dispatcher", stored)).isTrue();
        }
        assertThat(hashes.matches).hasValue(1);

        clock.now = clock.now.plus(VerifiedPasswords.KEEP).plus(Duration.ofSeconds(1));
        assertThat(passwords.matches("dispatcher", stored)).isTrue();
        assertThat(hashes.matches).hasValue(2);
    }

    @Test
    void aWrongPasswordIsAlwaysHashedAndNeverRemembered() {
        CountingHashes hashes = new CountingHashes();
        VerifiedPasswords passwords = new VerifiedPasswords(hashes, new MovableClock());
        String stored = hashes.encode("dispatcher");

        assertThat(passwords.matches("dispatcher", stored)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(passwords.matches("Dispatcher", stored)).isFalse();
            assertThat(passwords.matches("dispatcher ", stored)).isFalse();
        }
        assertThat(hashes.matches).hasValue(11);
        // A remembered match belongs to its stored hash: the same password against another hash is checked.
        assertThat(passwords.matches("dispatcher", hashes.encode("other"))).isFalse();
        assertThat(hashes.matches).hasValue(12);
    }

    @Test
    void aHashTheEncoderMadeItselfIsNeverRemembered() {
        CountingHashes hashes = new CountingHashes();
        VerifiedPasswords passwords = new VerifiedPasswords(hashes, new MovableClock());
        // What Spring does for an unknown user name: compare with a stand-in hash it had this encoder make.
        String standIn = passwords.encode("userNotFoundPassword");

        for (int i = 0; i < 3; i++) {
            assertThat(passwords.matches("userNotFoundPassword", standIn)).isTrue();
        }
        assertThat(hashes.matches).hasValue(3);
    }
}
