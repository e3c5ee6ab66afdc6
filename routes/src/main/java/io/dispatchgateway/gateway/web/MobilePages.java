package io.dispatchgateway.gateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The small, phone-first HTML pages of the gateway (approval, dispatch pack): one frame, one escaping rule. */
final class MobilePages {

    private static final String BASE_STYLE = "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;"
            + "max-width:40rem;line-height:1.4}";

    private MobilePages() {}

    /**
     * @param heading the page's heading element ({@code h1} or {@code h2})
     * @param style the page's own CSS, after the shared base
     */
    static ResponseEntity<String> page(HttpStatus status, String heading, String title, String style, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · Dispatch Gateway</title><style>" + BASE_STYLE + style
                + "</style></head><body><" + heading + ">" + esc(title) + "</" + heading + ">" + body + "</body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
