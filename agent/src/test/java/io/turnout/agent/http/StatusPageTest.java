package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.text.HtmlText;
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

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
