package io.dispatchgateway.core.approval;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring tokens for approval links: {@code <expiry epoch seconds>.<HMAC-SHA256 of approval id and
 * expiry>}, URL-safe. A link cannot be altered to reach another approval or to live longer.
 */
public final class ApprovalLinks {

    private final byte[] key;

    public ApprovalLinks(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the approval link secret must be at least 32 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a plan proposal's link signs: a subject of its own, so a proposal's link never opens an approval (or
     * the other way round) whatever the ids.
     */
    public static String planProposal(String proposalId) {
        return "plan-proposal:" + proposalId;
    }

    public String token(String approvalId, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        return expiry + "." + mac(approvalId + "|" + expiry);
    }

    /** @return the expiry when the token is genuine for this approval, else empty */
    public Optional<Instant> verify(String approvalId, String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            long expiry = Long.parseLong(token.substring(0, dot));
            byte[] expected = mac(approvalId + "|" + expiry).getBytes(StandardCharsets.US_ASCII);
            byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, given) ? Optional.of(Instant.ofEpochSecond(expiry))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
