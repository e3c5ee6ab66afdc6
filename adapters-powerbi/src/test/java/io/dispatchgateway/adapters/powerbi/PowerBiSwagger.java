package io.dispatchgateway.adapters.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a request the adapter sent against Power BI's published Swagger document (the excerpt in
 * {@code powerbi/swagger-push.json}): the path and method exist, query parameters are declared and within their
 * enums, and the JSON body matches its schema, including that it declares no property the schema does not know.
 */
final class PowerBiSwagger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode document;

    PowerBiSwagger() {
        try (InputStream in = PowerBiSwagger.class.getResourceAsStream("/powerbi/swagger-push.json")) {
            document = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every way the request departs from the document; empty when it conforms */
    List<String> violations(LoggedRequest request) {
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String method = request.getMethod().getName().toLowerCase();
        List<String> problems = new ArrayList<>();
        JsonNode operation = null;
        for (Map.Entry<String, JsonNode> candidate : document.get("paths").properties()) {
            if (Pattern.matches(candidate.getKey().replaceAll("\\{[^}]+}", "[^/]+"), path)
                    && candidate.getValue().has(method)) {
                operation = candidate.getValue().get(method);
            }
        }
        if (operation == null) {
            return List.of(method + " " + path + ": no such operation in the Power BI API");
        }
        if (url.contains("?")) {
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                String value = pair.contains("=") ? URLDecoder.decode(pair.split("=", 2)[1], StandardCharsets.UTF_8)
                        : "";
                JsonNode declared = parameter(operation, "query", name);
                if (declared == null) {
                    problems.add("query parameter " + name + " is not declared");
                } else if (declared.has("enum") && !contains(declared.get("enum"), value)) {
                    problems.add("query parameter " + name + "=" + value + " is not one of " + declared.get("enum"));
                }
            }
        }
        JsonNode body = null;
        for (JsonNode parameter : operation.path("parameters")) {
            if ("body".equals(parameter.path("in").asText())) {
                body = parameter.get("schema");
            }
        }
        if (body != null) {
            JsonNode sent;
            try {
                sent = JSON.readTree(request.getBodyAsString());
            } catch (IOException e) {
                return List.of("body is not JSON: " + e.getMessage());
            }
            ObjectNode schema = body.deepCopy();
            schema.set("definitions", document.get("definitions"));
            for (ValidationMessage message : JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(schema).validate(sent)) {
                problems.add(message.getMessage());
            }
            undeclared(sent, body, "$", problems);
        }
        return problems;
    }

    private void undeclared(JsonNode value, JsonNode schema, String where, List<String> problems) {
        while (schema.has("$ref")) {
            schema = document.get("definitions").get(schema.get("$ref").asText().substring("#/definitions/".length()));
        }
        if (value.isObject() && schema.has("properties")) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode declared = schema.get("properties").get(field.getKey());
                if (declared == null) {
                    problems.add(where + "." + field.getKey() + " is not declared");
                } else {
                    undeclared(field.getValue(), declared, where + "." + field.getKey(), problems);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                undeclared(value.get(i), schema.get("items"), where + "[" + i + "]", problems);
            }
        }
    }

    private JsonNode parameter(JsonNode operation, String in, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (in.equals(parameter.path("in").asText()) && name.equals(parameter.path("name").asText())) {
                return parameter;
            }
        }
        return null;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode candidate : values) {
            if (candidate.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
