package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import io.turnout.status.Approvals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the status page in a real headless Chromium, served by the real Micronaut server on
 * 127.0.0.1, and checks what the browser built from it: the DOM after parsing, and a screenshot
 * (kept as {@code agent/target/browser/status-page.png} for people to look at). Skipped when no
 * Chromium is installed ({@code apt-get install chromium}; {@code .ci/run} installs it).
 */
class StatusPageBrowserTest {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 120;

    private static TestServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.status().set(StatusFixtures.twoEnvironments());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void theBrowserShowsBothEnvironmentsTheBlueSlotAndRecentDeployments() throws Exception {
        String dom = chromium("--dump-dom", server.uri("/").toString());

        assertTrue(dom.contains("<meta http-equiv=\"refresh\" content=\"10\">"), dom);
        assertEquals(2, sections(dom).size(), "one section per environment: " + sections(dom));
        assertEquals(List.of("production", "staging"), sections(dom));
        // the browser parsed the services table: web's BLUE slot is a, api's is b
        assertTrue(dom.matches("(?s).*<tr data-service=\"web\">.*?<td class=\"slot blue\" data-slot=\"a\">a · BLUE</td>.*"), dom);
        assertTrue(dom.matches("(?s).*<tr data-service=\"api\">.*?<td class=\"slot blue\" data-slot=\"b\">b · BLUE</td>.*"), dom);
        assertTrue(dom.contains("<span class=\"badge deploying\">deploying</span>"));
        // recent deployments, with a commit subject full of markup shown as text and not run
        assertTrue(dom.contains("<h3>Recent deployments</h3>"));
        assertTrue(dom.contains("<span class=\"outcome applied\">APPLIED</span>"));
        assertTrue(dom.contains("<span class=\"outcome planned\">PLANNED</span>"));
        assertTrue(dom.contains("Bump web &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; friends"), dom);
        assertFalse(dom.contains("<script"), "no script element reached the DOM");
        assertTrue(dom.contains("<pre class=\"plan\">Plan for staging at commit"));
    }

    @Test
    void theBrowserRendersAScreenshot() throws Exception {
        Path png = temp.resolve("status-page.png");
        chromium("--screenshot=" + png, "--window-size=1280,1900", "--hide-scrollbars", server.uri("/").toString());
        assertTrue(Files.size(png) > 10_000, "a real picture, " + Files.size(png) + " bytes");
        byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
        Path kept = Path.of("target", "browser");
        Files.createDirectories(kept);
        Files.copy(png, kept.resolve("status-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theBrowserShowsTheEmptyState() throws Exception {
        try (TestServer empty = TestServer.start()) {
            String dom = chromium("--dump-dom", empty.uri("/").toString());
            assertTrue(dom.contains("No environments yet: the agent has not read the spec repository"), dom);
        }
    }

    /**
     * A person approves a deployment waiting at its gate: the status page shows it waiting, its
     * button opens the approval page, which asks for the API token (hidden) and names the commit,
     * and the form the browser posts with the token records the approval. (The server is reached at
     * 127.0.0.1, where Micronaut refuses a POST whose Origin is not local: the browser must send the
     * page's own origin, see {@link ApprovalPageController#REFERRER_POLICY}.)
     */
    @Test
    void theApproveButtonOpensThePageThatAsksForTheTokenAndTheFormRecordsTheApproval() throws Exception {
        Optional<String> binary = binary();
        assumeTrue(binary.isPresent(), "no Chromium installed: apt-get install chromium");
        try (TestServer approving = TestServer.start(Map.of("turnout.api.token", "t0ken-for-the-browser-test"))) {
            approving.status().set(List.of(StatusFixtures.waitingForApproval()));
            RecordingApprovals approvals = approving.context().getBean(RecordingApprovals.class);
            try (HeadlessChromium browser = new HeadlessChromium(binary.get(), Files.createTempDirectory(temp, "cdp"))) {
                browser.open(approving.uri("/"));
                assertTrue(browser.evaluate("document.querySelector('.badge.waiting').textContent").asString().contains("waiting for approval"));
                browser.andWaitForLoad("document.querySelector('button[data-approve=\"production\"]').click()");
                assertEquals("/environments/production/approve", browser.evaluate("location.pathname").asString());
                assertEquals("password", browser.evaluate("document.querySelector('input[name=token]').type").asString(),
                        "the token is asked for, hidden");
                assertEquals(StatusFixtures.PROD_HEAD, browser.evaluate("document.querySelector('input[name=commit]').value").asString(),
                        "the form names the commit that waits");
                assertTrue(browser.evaluate("document.querySelector('button[value=reject]') !== null").asBoolean(),
                        "a paused deployment can be rejected too");
                assertTrue(approvals.decided().isEmpty(), "opening the approval page decides nothing");

                // the person types the token and their name and presses Approve: the browser posts the form
                browser.evaluate("document.querySelector('input[name=token]').value = 't0ken-for-the-browser-test'");
                browser.evaluate("document.querySelector('input[name=by]').value = 'Carol'");
                browser.andWaitForLoad("document.querySelector('button[value=approve]').click()");
                assertEquals("Recorded", browser.evaluate("document.querySelector('h1') && document.querySelector('h1').textContent")
                        .asString(), () -> "the answer page, not a refusal: " + outerHtml(browser));
                assertEquals("recorded", browser.evaluate("document.querySelector('p.answer').textContent").asString());
            }
            assertEquals(List.of(new RecordingApprovals.Decided("production", StatusFixtures.PROD_HEAD, Approvals.Decision.APPROVE, "Carol")),
                    approvals.decided(), "the browser's form reached the approval with the commit, the decision and the name");
            assertEquals(List.of("production"), approving.trigger().environmentSyncs(), "the environment is polled at once");
        }
    }

    private static String outerHtml(HeadlessChromium browser) {
        try {
            return browser.evaluate("location.href + '\\n' + document.documentElement.outerHTML").asString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static List<String> sections(String dom) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<section class=\"env\" id=\"env-([a-z0-9-]+)\">").matcher(dom);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** Runs headless Chromium with a fresh profile and no background traffic; returns its stdout. */
    private String chromium(String... args) throws IOException, InterruptedException {
        Optional<String> binary = binary();
        assumeTrue(binary.isPresent(), "no Chromium installed: apt-get install chromium");
        Path profile = Files.createTempDirectory(temp, "profile");
        List<String> command = new ArrayList<>(List.of(binary.get(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = temp.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = temp.resolve("chromium-" + System.nanoTime() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        assertEquals(0, process.exitValue(), () -> "Chromium failed: " + read(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static Optional<String> binary() {
        return Stream.concat(CANDIDATES.stream().map(Path::of),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(dir -> Path.of(dir, "chromium")))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
