package io.dispatchgateway.gateway.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The gateway's HTML pages (approval, dispatch pack, plan proposal) are Thymeleaf templates in
 * {@code templates/}: every value is escaped unless a template says otherwise, and every form built with
 * {@code th:action} carries Spring Security's CSRF token. This class makes the short answers (a result, a
 * refusal, a way back) and renders a page outside a request handler (the security chain's refusals).
 */
@Component
public class Pages {

    /**
     * A short answer page.
     *
     * @param id the element id of the text or list ({@code result}, {@code refusal}), for tests and scripts
     */
    public record Message(String title, String id, String text, List<String> items, String backHref,
            String backText) {

        public Message {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    private final TemplateEngine templates;

    public Pages(TemplateEngine templates) {
        this.templates = templates;
    }

    static ModelAndView view(HttpStatus status, String template, Map<String, ?> model) {
        ModelAndView view = new ModelAndView(template, model);
        view.setStatus(status);
        return view;
    }

    static ModelAndView message(HttpStatus status, String title, String id, String text) {
        return message(status, new Message(title, id, text, null, null, null));
    }

    static ModelAndView message(HttpStatus status, String title, String id, String text, String backHref,
            String backText) {
        return message(status, new Message(title, id, text, null, backHref, backText));
    }

    static ModelAndView message(HttpStatus status, Message message) {
        return view(status, "message", Map.of("page", message));
    }

    /** The answer page as HTML, for a response written outside Spring MVC. */
    public String render(Message message) {
        Context context = new Context(java.util.Locale.ENGLISH, Map.of("page", message));
        return templates.process("message", context);
    }
}
