package io.turnout.review;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code rel="next"} URL of an RFC 8288 {@code Link} header, which both GitHub and GitLab
 * send on paginated lists: {@code <https://api.github.com/…&page=2>; rel="next", <…>; rel="last"}.
 */
final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private LinkHeader() {}

    static Optional<URI> next(List<String> headerValues) {
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL_NEXT.matcher(link.group(2));
                while (rel.find()) {
                    for (String r : rel.group(1).trim().split("\\s+")) {
                        if (r.equals("next")) return Optional.of(URI.create(link.group(1).trim()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
