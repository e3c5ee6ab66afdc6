package io.dispatchgateway.gateway.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import java.util.LinkedHashMap;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns stored JSON documents into records and back; a document the gateway wrote always reads back.
 *
 * <p>The documents read over and over (a job's record, classification, recommendation, assignment and pack in
 * every plan layout, SLA round and optimization; the technicians and depots in every ranking; customers) are
 * immutable records; each text is parsed once and its record kept, by the text itself, in a cache bounded by
 * the texts' total length: the same text always gives an equal record, and a changed document is a new text.
 */
@Component
public class JsonCodec {

    /** The kinds kept: immutable records (their lists and maps are copies). */
    private static final Set<Class<?>> KEPT = Set.of(Job.class, Classification.class, Recommendation.class,
            Assignment.class, DispatchPack.class, Technician.class, Depot.class, Customer.class);
    /** At most this many characters of kept texts (about 32 MB, and their records). */
    private static final long KEEP_CHARS = 16_000_000;

    private record Key(Class<?> type, String json) {}

    private final ObjectMapper mapper;
    private final LinkedHashMap<Key, Object> parsed = new LinkedHashMap<>(1024, 0.75f, true);
    private long keptChars;

    public JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        if (!KEPT.contains(type)) {
            return parse(json, type);
        }
        Key key = new Key(type, json);
        synchronized (parsed) {
            Object kept = parsed.get(key);
            if (kept != null) {
                return type.cast(kept);
            }
        }
        T value = parse(json, type);
        synchronized (parsed) {
            if (parsed.put(key, value) == null) {
                keptChars += json.length();
            }
            var eldest = parsed.entrySet().iterator();
            while (keptChars > KEEP_CHARS && eldest.hasNext()) {
                keptChars -= eldest.next().getKey().json().length();
                eldest.remove();
            }
        }
        return value;
    }

    private <T> T parse(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " document is unreadable", e);
        }
    }

    public <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is unreadable", e);
        }
    }
}
