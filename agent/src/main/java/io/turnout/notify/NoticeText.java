package io.turnout.notify;

import io.turnout.text.CommitIds;

/** The words of a notice, shared by the channels: "production: Deployed 4f2a9c1 (web: nginx 1.28) by Alice". */
final class NoticeText {
    private NoticeText() {
    }

    static String headline(Notice n) {
        return n.environment() + ": " + n.kind().title() + n.commit().map(c -> " " + CommitIds.shorten(c)).orElse("")
                + (n.subject().isEmpty() ? "" : " (" + n.subject() + ")") + (n.author().isEmpty() ? "" : " by " + n.author());
    }

    static String services(Notice n) {
        return n.services().isEmpty() ? "none" : String.join(", ", n.services());
    }
}
