package io.turnout.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.spec.SyncPolicy;
import io.turnout.text.MarkdownText;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Values from specs and AWS cannot inject Markdown or HTML into the comment. */
class MarkdownTextTest {
    @Test
    void textEscapesHtmlAndMarkdown() {
        assertEquals("&lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\[link\\](u) a\\|b \\`x\\` &amp;", MarkdownText.text(
                "<img src=x onerror=alert(1)> *bold* [link](u) a|b `x` &"));
        assertEquals("`` a`b\\|c ``", MarkdownText.code("a`b|c"));
        assertEquals("&lt;/summary&gt;", MarkdownText.html("</summary>"));
    }

    @Test
    void aHostileNoteOrProblemStaysText() {
        ServicePlan s = new ServicePlan("web", PlanKind.LEFT_ALONE, "elb", List.of(), List.of(),
                Optional.of("evil</code></summary><details>|x"), Optional.empty(), List.of("</details><script>alert(1)</script>"));
        Plan plan = new Plan("production", Optional.empty(), List.of(s), List.of(PlanProblem.environment("<b>boom</b>")));
        String md = new PlanCommentRenderer().render(new PlanComment("<!-- turnout:plan -->",
                new PlanComment.Source("refs/pull/1/head", Optional.empty(), Optional.empty(), ""),
                List.of(new PlanComment.EnvironmentSection(plan, SyncPolicy.DEFAULT)), List.of(), List.of()));
        assertFalse(md.contains("<script>"), md);
        assertFalse(md.contains("<b>"), md);
        assertTrue(md.contains("&lt;/details&gt;&lt;script&gt;"), md);
        assertTrue(md.contains("`evil</code></summary><details>\\|x`"), "inside a code span HTML is inert; the pipe is escaped: " + md);
    }
}
