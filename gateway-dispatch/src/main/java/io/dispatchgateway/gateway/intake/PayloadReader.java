package io.dispatchgateway.gateway.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.DurationDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalTimeDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads a JSON payload into a contract record strictly (unknown fields, wrong types and trailing garbage are
 * problems, each named by its field path) and checks its bean constraints. A payload with problems is
 * quarantined before the caller hears about it.
 */
@Component
public class PayloadReader {

    private static final int MAX_BINDING_PROBLEMS = 25;

    private final ObjectMapper strict;
    private final Validator validator;
    private final QuarantineStore quarantine;

    public PayloadReader(ObjectMapper mapper, Validator validator, QuarantineStore quarantine) {
        this.strict = strict(mapper);
        this.validator = validator;
        this.quarantine = quarantine;
    }

    /**
     * A copy of {@code mapper} that coerces nothing: enums by name only (not ordinals), JSON booleans only (not
     * {@code "true"}, {@code 1} or {@code ""}), integers only where integers are meant (no fraction truncated, no
     * string read as a number), text only from JSON strings, and dates and times only from ISO text (a number is not
     * an epoch).
     */
    static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.coercionConfigDefaults().setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType type : List.of(LogicalType.Boolean, LogicalType.Integer, LogicalType.Float,
                LogicalType.Enum, LogicalType.DateTime)) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, type == LogicalType.Enum
                    || type == LogicalType.DateTime ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert
                            : CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Java time reads a number as an epoch (20281231 as a day in the year 57498): times are text here.
        SimpleModule times = new SimpleModule("text-only-times");
        times.addDeserializer(Instant.class, textOnly(Instant.class, InstantDeserializer.INSTANT));
        times.addDeserializer(OffsetDateTime.class, textOnly(OffsetDateTime.class,
                InstantDeserializer.OFFSET_DATE_TIME));
        times.addDeserializer(LocalDate.class, textOnly(LocalDate.class, LocalDateDeserializer.INSTANCE));
        times.addDeserializer(LocalTime.class, textOnly(LocalTime.class, LocalTimeDeserializer.INSTANCE));
        times.addDeserializer(Duration.class, textOnly(Duration.class, DurationDeserializer.INSTANCE));
        strict.registerModule(times);
        return strict;
    }

    private static <T> JsonDeserializer<T> textOnly(Class<T> type, JsonDeserializer<? extends T> iso) {
        return new StdScalarDeserializer<>(type) {
            @Override
            @SuppressWarnings("unchecked")
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                    return (T) context.handleUnexpectedToken(type, parser);
                }
                return iso.deserialize(parser, context);
            }
        };
    }

    /**
     * The payload as a record, bound from what was left after setting aside the fields with problems (null
     * when nothing could be bound), and those problems.
     */
    public record Parsed<T>(T value, List<FieldProblem> problems) {

        /**
         * Every problem of the payload: the binding problems, then what {@code check} finds in the bound
         * record on fields that have no binding problem already.
         */
        public List<FieldProblem> withChecks(Function<T, List<FieldProblem>> check) {
            if (value == null) {
                return problems;
            }
            List<FieldProblem> all = new ArrayList<>(problems);
            check.apply(value).stream()
                    .filter(found -> problems.stream().noneMatch(reported -> found.concerns(reported.field())))
                    .forEach(all::add);
            all.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
            return List.copyOf(all);
        }
    }

    /**
     * Reads the payload, reporting every field of the wrong type or unknown to the contract: a field that
     * fails to bind is noted and set aside, and binding is tried again, so one bad field does not hide the next.
     */
    public <T> Parsed<T> parse(String payload, Class<T> type) {
        if (payload == null || payload.isBlank()) {
            return new Parsed<>(null, List.of(new FieldProblem("$", "a JSON object is required")));
        }
        JsonNode tree;
        try {
            tree = strict.readTree(payload);
        } catch (JsonProcessingException e) {
            return new Parsed<>(null, List.of(describe(e)));
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return new Parsed<>(null, List.of(new FieldProblem("$", "a JSON object is required, not null")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_BINDING_PROBLEMS; attempt++) {
            try {
                return new Parsed<>(strict.treeToValue(tree, type), problems);
            } catch (JsonProcessingException e) {
                problems.add(describe(e));
                if (!(e instanceof JsonMappingException mapping) || !remove(tree, mapping.getPath())) {
                    break;
                }
            }
        }
        return new Parsed<>(null, problems);
    }

    /** Takes the node at {@code path} out of the tree; false when there is nothing left to take out. */
    private static boolean remove(JsonNode tree, List<JsonMappingException.Reference> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = tree;
        for (JsonMappingException.Reference step : path.subList(0, path.size() - 1)) {
            parent = step.getFieldName() != null ? parent.get(step.getFieldName()) : parent.get(step.getIndex());
            if (parent == null) {
                return false;
            }
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.getFieldName() != null) {
            return object.remove(last.getFieldName()) != null;
        }
        if (parent instanceof ArrayNode array && last.getIndex() >= 0 && last.getIndex() < array.size()) {
            array.set(last.getIndex(), NullNode.getInstance());
            return true;
        }
        return false;
    }

    public List<FieldProblem> constraints(Object value) {
        return validator.validate(value).stream()
                .map(FieldProblem::of)
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
    }

    /** Parses and checks; on any problem quarantines the payload and throws. */
    public <T> T readValid(String payload, Class<T> type, String source, String kind) {
        Parsed<T> parsed = parse(payload, type);
        List<FieldProblem> problems = parsed.withChecks(this::constraints);
        if (!problems.isEmpty()) {
            throw new PayloadRejectedException(kind, problems, quarantine.quarantine(source, kind, problems, payload));
        }
        return parsed.value();
    }

    static FieldProblem describe(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            return new FieldProblem("$", "malformed JSON: " + parse.getOriginalMessage().lines().findFirst().orElse("")
                    + location(e));
        }
        String field = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "$";
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldProblem(field, "is not a field of this contract");
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            Class<?> target = ((MismatchedInputException) e).getTargetType();
            return new FieldProblem(field, target == null ? "has the wrong type" : "must be " + expected(target));
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return new FieldProblem(field, "is not valid: " + instantiation.getCause().getMessage());
        }
        return new FieldProblem(field, "could not be read" + location(e));
    }

    private static String path(List<JsonMappingException.Reference> references) {
        if (references.isEmpty()) {
            return "$";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static String expected(Class<?> target) {
        if (target.isEnum()) {
            return "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        String name = target.getSimpleName();
        return switch (name) {
            case "Instant", "OffsetDateTime" -> "an ISO-8601 timestamp such as 2026-11-23T15:00:00Z";
            case "LocalDate" -> "an ISO-8601 date such as 2026-11-23";
            case "LocalTime" -> "a time such as 07:30";
            case "Duration" -> "an ISO-8601 duration such as PT4H";
            default -> "a valid " + name;
        };
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
