package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.status.EnvironmentStatus;
import io.turnout.text.HtmlText;
import io.turnout.text.TerminalText;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPageTest {
    private static final String PAGE = StatusPage.render(StatusFixtures.twoEnvironments(), StatusFixtures.T0.plusSeconds(300));

    @Test
    void refreshesEveryTenSecondsAndRunsNoScript() {
        assertTrue(PAGE.contains("<meta http-equiv=\"refresh\" content=\"10\">"));
        assertFalse(PAGE.toLowerCase().contains("<script"), "no script element, not even from a commit subject");
    }

    @Test
    void escapesEveryValue() {
        assertTrue(PAGE.contains("Bump web &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends"));
        assertEquals("&lt;a href=&#39;x&#39;&gt;&amp;amp;&quot;", HtmlText.text("<a href='x'>&amp;\""));
    }

    @Test
    void oneSectionPerEnvironmentWithItsFacts() {
        assertTrue(PAGE.contains("<section class=\"env\" id=\"env-production\">"));
        assertTrue(PAGE.contains("<section class=\"env\" id=\"env-staging\">"));
        assertTrue(PAGE.contains("<span class=\"badge deploying\">deploying</span>"));
        assertEquals(1, count(PAGE, "badge deploying"), "only production is deploying");
        assertTrue(PAGE.contains("<dt>Sync policy</dt><dd>plan-only</dd>"));
        assertTrue(PAGE.contains("<code class=\"commit\" title=\"" + StatusFixtures.PROD_LIVE + "\">1a2b3c4d5e6f</code>"));
    }

    @Test
    void highlightsTheBlueSlot() {
        assertTrue(PAGE.contains("<tr data-service=\"web\"><td class=\"name\">web</td><td>elb</td>"
                + "<td class=\"slot blue\" data-slot=\"a\">a · BLUE</td><td class=\"slot green\" data-slot=\"b\">b · green</td>"));
        assertTrue(PAGE.contains("<td class=\"slot green\" data-slot=\"a\">a · green</td><td class=\"slot blue\" data-slot=\"b\">b · BLUE</td>"));
        assertTrue(PAGE.contains("<td class=\"slot na\" colspan=\"2\">rolling, no slots</td>"));
    }

    @Test
    void showsThePendingPlanAsPlainTextDriftAndRecentDeployments() {
        assertTrue(PAGE.contains("<pre class=\"plan\">Plan for staging at commit fedcba9876543210fedcba9876543210fedcba98\n"));
        assertFalse(PAGE.contains("\u001B["), "no ANSI colour");
        assertTrue(PAGE.contains("<li>web: desiredCount changed outside Git (live 3, spec 2)</li>"));
        assertTrue(PAGE.contains("<span class=\"outcome failed\">FAILED</span>"));
        assertTrue(PAGE.contains("<td class=\"num\">1m35s</td>"));
        assertTrue(PAGE.contains("<time datetime=\"2025-06-01T10:15:00Z\">2025-06-01 10:15:00 UTC</time>"));
    }

    @Test
    void showsWhatADeploymentDidToEachServiceAndEachServicesLastDeployment() {
        assertTrue(PAGE.contains("<div class=\"services-outcome\">1 applied, 1 rolled back · "
                + "<span class=\"result rolled_back\">rolled back</span> web</div>"), PAGE);
        // the newest deployment that touched web rolled it back; api was applied by the same commit
        assertTrue(PAGE.contains("<td class=\"last\"><span class=\"result rolled_back\">rolled back</span> <span class=\"detail\">"
                + "step 4/8 (Verify web--b) failed: GET /health answered 500; rolled back: web--b scaled to 0</span></td></tr>"), PAGE);
        assertTrue(PAGE.contains("<td class=\"last\"><span class=\"result applied\">applied</span> <span class=\"detail\">applied 8 steps"
                + "</span></td></tr>"), PAGE);
        assertTrue(PAGE.contains("<th>Last deployment</th>"));
    }

    @Test
    void readableWithNoEnvironments() {
        String empty = StatusPage.render(List.of(), StatusFixtures.T0);
        assertTrue(empty.contains("No environments yet: the agent has not read the spec repository"));
        assertTrue(empty.contains("0 environments"));
    }

    @Test
    void servedAsHtmlWithAStrictContentSecurityPolicy() {
        try (TestServer server = TestServer.start()) {
            server.status().set(StatusFixtures.twoEnvironments());
            HttpResponse<String> response = server.get("/");
            assertEquals(200, response.statusCode());
            assertEquals("text/html;charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(StatusPageController.CSP, response.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertTrue(response.body().contains("id=\"env-staging\""));
        }
    }

    /** Issue 11: the environment's problem and its head's failure at its top, GREEN's image and tasks, nothing raw. */
    @Test
    void showsTheProblemTheFailedHeadAndTheGreenSlot() {
        EnvironmentStatus env = StatusFixtures.failedHeadWithAProblem();
        String page = StatusPage.render(List.of(env), StatusFixtures.T0.plusSeconds(200));
        String top = page.substring(page.indexOf("<h2>production"), page.indexOf("<dl class=\"facts\">"));
        assertTrue(top.contains("<div class=\"banner problem\" role=\"alert\"><strong>Problem:</strong> ecs:DescribeServices:"
                + " ThrottlingException: Rate exceeded. Transient: retrying at the next poll (in about 1m).<span class=\"when\">since"
                + " <time datetime=\"2025-06-01T10:17:00Z\">2025-06-01 10:17:00 UTC</time> (2 polls in a row) · next retry"
                + " <time datetime=\"2025-06-01T10:19:00Z\">2025-06-01 10:19:00 UTC</time> (in about 40s)</span></div>"), top);
        assertTrue(top.contains("<p class=\"banner head\">head 9f8e7d6c5b4a not deployed: FAILED — apply rolled back: web: step 4"
                + " failed: image nginx\\u001B[2J not found</p>"), top);
        assertTrue(page.contains("<td class=\"green-slot\">b: <code>public.ecr.aws/nginx/nginx:1.26</code>, 4/4 running · fast rollback"
                + " ready (4 tasks)</td>"), page);
        assertTrue(page.contains("web: \\u001B[31mred\\0 subject"), "the subject's escape sequence shows as text");
        assertFalse(page.chars().anyMatch(c -> TerminalText.unsafe(c) && c != '\n'), "no raw control character on the page");
        String usual = StatusPage.render(StatusFixtures.twoEnvironments(), StatusFixtures.T0);
        assertFalse(usual.contains("class=\"banner problem\""), "no problem banner without a problem");
        assertTrue(usual.contains("<p class=\"banner head\">head 9f8e7d6c5b4a not deployed yet: deploying</p>"), usual);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
