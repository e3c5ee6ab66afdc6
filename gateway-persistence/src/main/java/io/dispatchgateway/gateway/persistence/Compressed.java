package io.dispatchgateway.gateway.persistence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Documents kept compressed (gzip of their UTF-8 text): large, written once, seldom read. */
final class Compressed {

    private Compressed() {
    }

    static byte[] gzip(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 6 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
            zip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] compressed) {
        try (GZIPInputStream zip = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed), 8192)) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored snapshot could not be read: " + e.getMessage(), e);
        }
    }
}
