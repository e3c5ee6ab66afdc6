package io.dispatchgateway.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Debian's Chromium driven through chromedriver's W3C WebDriver HTTP interface: enough to open a page at a
 * phone's size, read text, and click. Started with the flags that keep Chromium off the network it cannot
 * reach here.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    private HeadlessChromium(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    static HeadlessChromium start(Path chromedriver, Path chromium, int width, int height) throws Exception {
        return start(chromedriver, chromium, width, height, 3.0);
    }

    /** @param pixelRatio device pixels per CSS pixel (3 as a phone; 1 for a desktop page's screenshot) */
    static HeadlessChromium start(Path chromedriver, Path chromium, int width, int height, double pixelRatio)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://localhost:" + port;
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("chromedriver did not start", notYet);
                }
            }
            Thread.sleep(100);
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ObjectNode capabilities = JSON.createObjectNode();
        ObjectNode options = capabilities.putObject("capabilities").putObject("alwaysMatch")
                .put("browserName", "chrome").putObject("goog:chromeOptions");
        options.put("binary", chromium.toString());
        options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                .add("--disable-dev-shm-usage").add("--disable-quic").add("--no-first-run")
                .add("--disable-background-networking").add("--disable-component-update").add("--disable-sync")
                .add("--user-data-dir=" + profile);
        options.putObject("mobileEmulation").putObject("deviceMetrics").put("width", width).put("height", height)
                .put("pixelRatio", pixelRatio);
        JsonNode created = send(http, "POST", base + "/session", capabilities);
        return new HeadlessChromium(process, base, created.at("/value/sessionId").asText());
    }

    void open(String url) throws Exception {
        call("POST", "/url", JSON.createObjectNode().put("url", url));
    }

    String text(String css) throws Exception {
        return call("GET", "/element/" + element(css) + "/text", null).get("value").asText();
    }

    void click(String css) throws Exception {
        call("POST", "/element/" + element(css) + "/click", JSON.createObjectNode());
    }

    /** Saves what the browser shows as a PNG file. */
    void screenshot(Path file) throws Exception {
        String png = call("GET", "/screenshot", null).get("value").asText();
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.write(file, java.util.Base64.getDecoder().decode(png));
    }

    int viewportWidth() throws Exception {
        ObjectNode script = JSON.createObjectNode().put("script", "return window.innerWidth;");
        script.putArray("args");
        return call("POST", "/execute/sync", script).get("value").asInt();
    }

    private String element(String css) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            JsonNode found = call("POST", "/element", JSON.createObjectNode().put("using", "css selector")
                    .put("value", css));
            if (found.path("value").has(ELEMENT)) {
                return found.path("value").get(ELEMENT).asText();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no element " + css + ": " + found);
            }
            Thread.sleep(100);
        }
    }

    private JsonNode call(String method, String path, JsonNode body) throws Exception {
        return send(http, method, base + "/session/" + session + path, body);
    }

    private static JsonNode send(HttpClient http, String method, String url, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            send(http, "DELETE", base + "/session/" + session, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException(e);
        } finally {
            driver.destroy();
        }
    }
}
