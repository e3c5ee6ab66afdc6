package io.dispatchgateway.adapters.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Customer-update drafts written by the model on top of the templates: the model gets the template's text and
 * the facts, and rewrites it for the customer. Its text is used only when it keeps the arrival time exactly as
 * the template states it and stays short; a disabled tenant, a failure or a text that does not pass gets the
 * template's text. Either way it stays a draft a person sends.
 */
final class ModelCustomerUpdates implements CustomerUpdateDrafter {

    static final String SYSTEM = String.join(" ",
            "You write short service updates from a field-service company to its customer.",
            "Rewrite the given draft so it reads clearly and kindly, in the draft's language, in at most three",
            "sentences. Keep every fact, name and time exactly as written; add no promise, price, link or fact",
            "that is not in the draft. Answer with the message text only.");

    private static final int MIN = 20;
    private static final int MAX = 800;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelCustomerUpdates.class);

    private final CustomerUpdateDrafter templates;
    private final ChatCompletions chat;
    private final LlmProperties properties;
    private final ObjectMapper json;

    ModelCustomerUpdates(CustomerUpdateDrafter templates, ChatCompletions chat, LlmProperties properties,
            ObjectMapper json) {
        this.templates = templates;
        this.chat = chat;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String name() {
        return "model:" + chat.model();
    }

    @Override
    public String draft(Update update) {
        return drafted(update).text();
    }

    @Override
    public Drafted drafted(Update update) {
        // What the customer is told and when they are told it stay the templates'; the model only rewords.
        String template = templates.draft(update);
        if (!properties.customerUpdates() || !properties.allows(update.tenant())) {
            return new Drafted(template, null, null, null, null);
        }
        ObjectNode facts = json.createObjectNode();
        facts.put("reason", update.reason());
        facts.put("draft", template);
        if (update.newEta() != null) {
            facts.put("arrivalTime", CLOCK.format(update.newEta().atZone(update.zone())));
        }
        String prompt;
        try {
            prompt = chat.request(SYSTEM, json.writeValueAsString(facts), null, null);
        } catch (JsonProcessingException e) {
            return new Drafted(template, chat.model(), "", null, "the facts could not be written");
        }
        ChatCompletions.Reply reply;
        try {
            reply = chat.send(prompt);
        } catch (ModelCallException e) {
            LOG.info("customer update for job {}: the model gave no draft ({}), the template's text stays",
                    update.jobId(), e.getMessage());
            return new Drafted(template, chat.model(), prompt, e.output(), e.getMessage());
        }
        String text = reply.content().strip();
        String refused = refusal(text, update);
        if (refused != null) {
            LOG.info("customer update for job {}: the model's draft {}, the template's text stays", update.jobId(),
                    refused);
            return new Drafted(template, chat.model(), prompt, reply.body(), "the draft " + refused);
        }
        return new Drafted(text, chat.model(), prompt, reply.body(), null);
    }

    /** Whether a text holds a web address or a Markdown link. */
    static boolean links(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("http://") || lower.contains("https://") || lower.contains("www.")
                || lower.contains("](");
    }

    /** Why a model's text cannot stand in for the template's; null when it can. */
    private static String refusal(String text, Update update) {
        if (text.length() < MIN || text.length() > MAX) {
            return "is " + text.length() + " characters (" + MIN + " to " + MAX + " allowed)";
        }
        if (update.newEta() != null) {
            var local = update.newEta().atZone(update.zone());
            String month = local.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            int date = local.getDayOfMonth();
            boolean day = Pattern.compile("\\b(" + date + " " + month + "|" + month + " " + date + ")\\b")
                    .matcher(text).find();
            if (!text.contains(CLOCK.format(local)) || !day) {
                return "does not state the arrival day (" + local.getDayOfMonth() + " " + month + ") and time ("
                        + CLOCK.format(local) + ") as the template does";
            }
        }
        if (links(text)) {
            return "contains a link";
        }
        return null;
    }
}
