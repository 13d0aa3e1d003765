package io.turnout.notify;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Slack incoming webhook: a message with a plain {@code text} (what notifications and old clients
 * show) and Block Kit {@code blocks}. The webhook URL is itself the secret (anyone who has it can
 * post), so it is read from an environment variable or a file and only its host is ever named.
 */
public final class SlackChannel implements Channel {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final Predicate<Notice> wants;
    private final Delivery delivery = new Delivery();

    public SlackChannel(URI url, Predicate<Notice> wants) {
        this.url = url;
        this.wants = wants;
    }

    @Override
    public String describe() {
        return "Slack webhook on " + url.getHost();
    }

    @Override
    public boolean wants(Notice notice) {
        return wants.test(notice);
    }

    @Override
    public void send(Notice notice) throws IOException {
        delivery.post(url, describe(), payload(notice).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The message as Slack's webhook takes it. */
    static String payload(Notice n) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        String headline = escape(NoticeText.headline(n));
        body.put("text", headline + ": " + escape(n.detail()));
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", "*" + headline + "*\n" + escape(n.detail()));
        String context = "Services: " + escape(NoticeText.services(n))
                + n.link().map(l -> " · <" + l + "|status page>").orElse("");
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn").put("text", context);
        return JSON.writeValueAsString(body);
    }

    /** Slack's mrkdwn takes &, < and > as control characters: they must be written as entities. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
