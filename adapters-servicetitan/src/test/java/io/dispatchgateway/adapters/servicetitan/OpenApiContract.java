package io.dispatchgateway.adapters.servicetitan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a request the adapter sent against ServiceTitan's published OpenAPI documents (the excerpts in
 * {@code servicetitan/openapi}): the path and method exist, every query parameter is declared and of its
 * declared type, required parameters are there, and the JSON body matches its schema (types, required
 * properties, no undeclared properties). A drifted field is a listed violation.
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> documents = new HashMap<>();

    OpenApiContract() {
        for (String module : List.of("jpm", "crm", "dispatch", "settings")) {
            try (InputStream in = OpenApiContract.class.getResourceAsStream("/servicetitan/openapi/" + module
                    + ".json")) {
                documents.put(module, JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return every way the request departs from the documents; empty when it conforms */
    List<String> violations(LoggedRequest request) {
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String[] parts = path.split("/", 4); // "", module, "v2", rest
        List<String> problems = new ArrayList<>();
        if (parts.length < 4 || !documents.containsKey(parts[1]) || !"v2".equals(parts[2])) {
            return List.of(request.getMethod() + " " + path + ": not an API path of a known module");
        }
        JsonNode doc = documents.get(parts[1]);
        String rest = "/" + parts[3];
        JsonNode operation = null;
        for (Map.Entry<String, JsonNode> candidate : doc.get("paths").properties()) {
            String regex = candidate.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            if (Pattern.matches(regex, rest)) {
                operation = candidate.getValue().get(request.getMethod().getName().toLowerCase());
                if (operation != null) {
                    checkPathParameters(candidate.getKey(), rest, operation, doc, problems);
                    break;
                }
            }
        }
        if (operation == null) {
            return List.of(request.getMethod() + " " + path + ": no such operation in the " + parts[1] + " document");
        }
        Map<String, String> query = query(url);
        Map<String, JsonNode> declared = new HashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = resolve(parameter, doc);
            if ("query".equals(p.path("in").asText())) {
                declared.put(p.get("name").asText(), p);
            }
        }
        for (Map.Entry<String, String> q : query.entrySet()) {
            JsonNode p = declared.get(q.getKey());
            if (p == null) {
                problems.add("query parameter " + q.getKey() + " is not declared");
            } else {
                checkValue("query parameter " + q.getKey(), q.getValue(), resolve(p.path("schema"), doc), problems);
                // A documented limit on a list ("Perform lookup by multiple IDs (maximum 50)").
                java.util.regex.Matcher maximum = java.util.regex.Pattern.compile("\\(maximum (\\d+)\\)")
                        .matcher(p.path("description").asText());
                if (maximum.find() && q.getValue().split(",").length > Integer.parseInt(maximum.group(1))) {
                    problems.add("query parameter " + q.getKey() + " carries " + q.getValue().split(",").length
                            + " values, more than the documented maximum of " + maximum.group(1));
                }
            }
        }
        declared.values().stream().filter(p -> p.path("required").asBoolean() && !query.containsKey(
                p.get("name").asText())).forEach(p -> problems.add("required query parameter " + p.get("name")
                        .asText() + " is missing"));
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (!bodySchema.isMissingNode()) {
            try {
                checkJson("body", JSON.readTree(request.getBodyAsString()), bodySchema, doc, problems);
            } catch (IOException e) {
                problems.add("body is not JSON");
            }
        } else if (request.getBody() != null && request.getBody().length > 0) {
            problems.add("a body was sent to an operation that takes none");
        }
        return problems;
    }

    private void checkPathParameters(String template, String rest, JsonNode operation, JsonNode doc,
            List<String> problems) {
        String[] names = template.split("/");
        String[] values = rest.split("/");
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (names[i].startsWith("{")) {
                String name = names[i].substring(1, names[i].length() - 1);
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode p = resolve(parameter, doc);
                    if (name.equals(p.path("name").asText()) && "path".equals(p.path("in").asText())) {
                        checkValue("path parameter " + name, values[i], resolve(p.path("schema"), doc), problems);
                    }
                }
            }
        }
    }

    private void checkValue(String what, String value, JsonNode schema, List<String> problems) {
        String type = type(schema);
        if ("integer".equals(type) && !value.matches("-?\\d+")) {
            problems.add(what + " must be an integer, was " + value);
        } else if ("boolean".equals(type) && !value.matches("true|false")) {
            problems.add(what + " must be true or false, was " + value);
        } else if ("string".equals(type) && "date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(value);
            } catch (RuntimeException e) {
                problems.add(what + " must be a date-time, was " + value);
            }
        }
    }

    private void checkJson(String where, JsonNode value, JsonNode schemaRef, JsonNode doc, List<String> problems) {
        JsonNode schema = resolve(schemaRef, doc);
        if (schema.has("oneOf") || schema.has("anyOf")) {
            for (JsonNode option : schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf")) {
                List<String> attempt = new ArrayList<>();
                checkJson(where, value, option, doc, attempt);
                if (attempt.isEmpty()) {
                    return;
                }
            }
            problems.add(where + " matches none of its allowed shapes");
            return;
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                checkJson(where, value, part, doc, problems);
            }
            return;
        }
        List<String> types = new ArrayList<>();
        schema.path("type").forEach(t -> types.add(t.asText()));
        if (schema.path("type").isTextual()) {
            types.add(schema.get("type").asText());
        }
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) {
                problems.add(where + " must not be null");
            }
            return;
        }
        if (types.contains("object") || schema.has("properties")) {
            if (!value.isObject()) {
                problems.add(where + " must be an object");
                return;
            }
            JsonNode properties = schema.path("properties");
            value.fieldNames().forEachRemaining(name -> {
                if (!properties.has(name)) {
                    problems.add(where + "." + name + " is not a declared property");
                } else {
                    checkJson(where + "." + name, value.get(name), properties.get(name), doc, problems);
                }
            });
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    problems.add(where + "." + r.asText() + " is required");
                }
            });
        } else if (types.contains("array")) {
            if (!value.isArray()) {
                problems.add(where + " must be an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkJson(where + "[" + i + "]", value.get(i), schema.path("items"), doc, problems);
            }
        } else if (types.contains("integer") && !value.isIntegralNumber()) {
            problems.add(where + " must be an integer");
        } else if (types.contains("number") && !value.isNumber()) {
            problems.add(where + " must be a number");
        } else if (types.contains("string") && !value.isTextual()) {
            problems.add(where + " must be a string");
        } else if (types.contains("boolean") && !value.isBoolean()) {
            problems.add(where + " must be true or false");
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        for (JsonNode t : type) {
            if (!"null".equals(t.asText())) {
                return t.asText();
            }
        }
        return "";
    }

    private static JsonNode resolve(JsonNode node, JsonNode doc) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String[] path = current.get("$ref").asText().substring(2).split("/");
            JsonNode target = doc;
            for (String segment : path) {
                target = target.path(segment);
            }
            current = target;
        }
        return current;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        int start = url.indexOf('?');
        if (start < 0) {
            return query;
        }
        for (String pair : url.substring(start + 1).split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
