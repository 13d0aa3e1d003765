package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code deploy/README.md} documents what the deploy files set and names every file. */
class DeployDocsTest {
    static final Path README = DeployFiles.deploy("README.md");
    private static final Pattern VARIABLE = Pattern.compile("\\b(TURNOUT_[A-Z0-9_]+|MICRONAUT_[A-Z0-9_]+)\\b");

    static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** Every variable the Dockerfile, the task definition or the compose file gives the agent. */
    @Test
    void everyVariableTheAgentIsGivenIsDocumented() {
        Set<String> given = new TreeSet<>();
        given.addAll(variables(String.valueOf(Dockerfile.read().image().all("ENV"))));
        given.addAll(variables(String.valueOf(CloudFormationTemplateTest.container().get("Environment"))));
        given.addAll(variables(String.valueOf(CloudFormationTemplateTest.container().get("Secrets"))));
        given.addAll(variables(String.valueOf(LocalTrialTest.environment("turnout"))));
        given.remove("TURNOUT_ALLOW_REAL_AWS"); // the script's, not the agent's
        String readme = DeployFiles.read(README);
        List<String> undocumented = given.stream().filter(v -> !readme.contains("`" + v + "`")).toList();
        assertEquals(List.of(), undocumented, "add them to the configuration table of " + README);
    }

    @Test
    void everyDeployFileIsNamedInTheReadme() throws IOException {
        Path deploy = DeployFiles.deploy("");
        String readme = DeployFiles.read(README);
        List<String> unnamed;
        try (Stream<Path> files = Files.walk(deploy)) {
            unnamed = files.filter(Files::isRegularFile)
                    .map(f -> deploy.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith("ci/") && !f.startsWith("jib/") && !f.equals("README.md"))
                    .filter(f -> !readme.contains("(" + f + ")"))
                    .sorted().toList();
        }
        assertEquals(List.of(), unnamed, "link them from the file table of " + README);
    }
}
