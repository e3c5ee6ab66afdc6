package io.dispatchgateway.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for {@link #KEEP}, that a password matched its stored hash, so a client sending Basic credentials
 * with every request pays the deliberately slow hash (bcrypt: tens of milliseconds of CPU) once, not each time.
 * Only matches are remembered, as a keyed digest of the password and its hash (the key is random and lives
 * only in this process), at most {@value #MAX_ENTRIES} at a time; a failed login always goes to the hash, and
 * the login throttle still counts it; a check against a hash this encoder made (Spring's stand-in for an unknown
 * user name) is never remembered, so an unknown name answers as slowly as a known one. A password changed in the
 * configuration needs a restart anyway.
 */
final class VerifiedPasswords implements PasswordEncoder {

    static final Duration KEEP = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder hashes;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    /** Hashes this encoder made itself: Spring's stand-in for an unknown user is one; never remembered. */
    private final Set<String> made = ConcurrentHashMap.newKeySet();

    VerifiedPasswords(PasswordEncoder hashes, Clock clock) {
        this.hashes = hashes;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        String hash = hashes.encode(rawPassword);
        if (made.size() < 100) {
            made.add(hash);
        }
        return hash;
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || made.contains(encodedPassword)) {
            // An unknown user is checked against a hash made here: always as slow as a real check.
            return hashes.matches(rawPassword, encodedPassword);
        }
        String digest = digest(rawPassword, encodedPassword);
        Instant now = clock.instant();
        Instant until = verified.get(digest);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        boolean matches = hashes.matches(rawPassword, encodedPassword);
        if (matches) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(expiry -> !now.isBefore(expiry));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(digest, now.plus(KEEP));
        } else {
            verified.remove(digest);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return hashes.upgradeEncoding(encodedPassword);
    }

    private String digest(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(rawPassword.toString()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
