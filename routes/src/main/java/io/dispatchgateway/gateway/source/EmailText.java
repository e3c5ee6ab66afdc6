package io.dispatchgateway.gateway.source;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * The text a customer wrote in an email: the plain-text part (or the HTML part read as text by a real HTML
 * parser: no markup, script or style survives), without the quoted message it replies to, and the names of its
 * attachments (which are not kept).
 */
final class EmailText {

    /** The lines that start the quoted message in the usual clients' replies. */
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "^(On .{1,200} wrote:|-{2,} ?Original Message ?-{2,}|_{5,}|From: .+)$", Pattern.CASE_INSENSITIVE);

    private EmailText() {
    }

    /** What a message carries: its own text and its attachments' names. */
    record Content(String text, List<String> attachments) {}

    static Content of(Part message) throws MessagingException, IOException {
        List<String> attachments = new ArrayList<>();
        String text = text(message, attachments);
        return new Content(text == null ? "" : withoutQuote(text), attachments);
    }

    private static String text(Part part, List<String> attachments) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || (part.getFileName() != null
                && !part.isMimeType("text/*"))) {
            attachments.add(part.getFileName() == null ? "(unnamed)" : part.getFileName());
            return null;
        }
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return Jsoup.parse(String.valueOf(part.getContent())).wholeText();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String plain = null;
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String childText = text(child, attachments);
                if (childText == null) {
                    continue;
                }
                if (child.isMimeType("text/html")) {
                    html = html == null ? childText : html;
                } else {
                    plain = plain == null ? childText : plain;
                }
            }
            return plain != null ? plain : html;
        }
        return null;
    }

    /** The text above the quoted message a reply carries, lines quoted with {@code >} left out. */
    static String withoutQuote(String text) {
        StringBuilder own = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            if (QUOTE_HEADER.matcher(trimmed).matches()) {
                break;
            }
            if (!trimmed.startsWith(">")) {
                own.append(line.stripTrailing()).append('\n');
            }
        }
        return own.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
