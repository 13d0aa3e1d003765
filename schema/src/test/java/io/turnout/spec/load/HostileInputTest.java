package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecProblem;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and malicious repositories give a clear problem, quickly and with bounded memory,
 * never an exception. Timeouts here are generous upper bounds, not sleeps.
 */
class HostileInputTest {
    static final Duration QUICKLY = Duration.ofSeconds(10);
    static final String WEB = "services/web/service.yaml";

    static List<SpecProblem> quickly(SpecFiles files) {
        return assertTimeoutPreemptively(QUICKLY, () -> problems(files));
    }

    @Test
    void brokenYamlReportsTheParsersLineAndColumn() {
        List<SpecProblem> found = quickly(repo().with(WEB, Fixtures.WEB.replace("  service:\n    desiredCount: 2", "  service:\n    desiredCount: [2\n")));
        SpecProblem p = problemContaining(found, "invalid YAML");
        assertEquals(WEB, p.location().file());
        assertTrue(p.location().line() >= 10, p.describe());
        assertTrue(p.location().column() >= 1, p.describe());
        assertTrue(p.message().contains("flow sequence"), p.message());
    }

    @Test
    void badIndentationNamesTheLine() {
        SpecProblem p = problemContaining(quickly(new MemorySpecFiles().with("environments/x.yaml",
                "apiVersion: turnout/v1\nkind: Environment\n metadata: {name: x}\n")), "invalid YAML");
        assertEquals("environments/x.yaml:3", p.location().file() + ":" + p.location().line());
    }

    @Test
    void brokenJsonTaskDefinitionIsReportedInItsOwnFile() {
        SpecProblem p = problemContaining(quickly(repo().with("services/web/web.taskdef.json", "{\"family\": \"web\",\n  \"cpu\": }")), "invalid JSON");
        assertEquals("services/web/web.taskdef.json:2:10", p.location().toString());
    }

    @Test
    void aliasBombStopsAtTheNodeLimit() {
        StringBuilder bomb = new StringBuilder("apiVersion: turnout/v1\nkind: Environment\nmetadata: {name: bomb}\n");
        bomb.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) bomb.append(j > 0 ? ", " : "").append("*a").append(i - 1);
            bomb.append("]\n");
        }
        List<SpecProblem> found = quickly(new MemorySpecFiles().with("environments/bomb.yaml", bomb.toString()));
        assertEquals(1, found.size(), describe(found));
        assertTrue(found.getFirst().message().contains("aliases") || found.getFirst().message().contains("parser limit"), describe(found));
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "apiVersion: turnout/v1\nkind: Environment\nmetadata: {name: deep}\nspec: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        List<SpecProblem> found = quickly(new MemorySpecFiles().with("environments/deep.yaml", deep));
        assertEquals(1, found.size(), describe(found));
        assertTrue(found.getFirst().describe().contains("100"), describe(found));
    }

    @Test
    void deepNestingInJsonIsRejected() {
        String deep = "{\"family\": " + "{\"a\": ".repeat(3000) + "1" + "}".repeat(3000) + "}";
        SpecProblem p = problemContaining(quickly(repo().with("services/web/web.taskdef.json", deep)), "levels");
        assertEquals("services/web/web.taskdef.json", p.location().file());
    }

    @Test
    void fiftyMegabyteFileIsRejectedBeforeReading(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("environments"));
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("environments/huge.yaml").toFile(), "rw")) {
            huge.setLength(50L * 1024 * 1024); // sparse: no 50 MB written to disk
        }
        CountingFiles files = new CountingFiles(new DirectorySpecFiles(dir));
        List<SpecProblem> found = quickly(files);
        SpecProblem p = problemContaining(found, "52428800 bytes");
        assertTrue(p.message().contains("limit of 1048576"), p.message());
        assertEquals(0, files.reads, "the huge file must not be read");
    }

    @Test
    void tooManyFilesIsOneProblem() {
        MemorySpecFiles files = repo();
        for (int i = 0; i < 20; i++) files.with("extra/f" + i + ".yaml", "a: 1\n");
        List<SpecProblem> found = assertTimeoutPreemptively(QUICKLY, () -> new SpecLoader(SpecLimits.DEFAULT.withMaxFiles(10)).load(files).problems());
        assertEquals(1, found.size(), describe(found));
        assertTrue(found.getFirst().message().contains("more than the limit of 10"), describe(found));
    }

    @Test
    void multiDocumentYamlIsRejected() {
        SpecProblem p = problemContaining(quickly(repo().with("environments/staging.yaml", Fixtures.STAGING + "---\n" + Fixtures.PRODUCTION)),
                "more than one YAML document");
        assertEquals("environments/staging.yaml:10:1", p.location().toString());
        assertTrue(p.fix().contains("one document per file"), p.fix());
    }

    @Test
    void nonUtf8BytesAreLocated() {
        byte[] latin1 = (Fixtures.STAGING.replace("cluster: staging", "cluster: stagingX")).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int x = new String(latin1, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("stagingX") + 7;
        latin1[x] = (byte) 0xE9;
        SpecProblem p = problemContaining(quickly(repo().withBytes("environments/staging.yaml", latin1)), "not valid UTF-8");
        assertEquals("environments/staging.yaml:8:19", p.location().toString());
        assertTrue(p.message().contains("0xE9"), p.message());
    }

    @Test
    void duplicateKeysAreRejected() {
        SpecProblem p = problemContaining(quickly(repo().with("environments/staging.yaml", Fixtures.STAGING + "  cluster: other\n")), "duplicate key");
        assertEquals("environments/staging.yaml:9:3", p.location().toString());
        assertTrue(p.message().contains("first written at line 8"), p.message());
    }

    @Test
    void duplicateKeysInJsonAreRejected() {
        problemContaining(quickly(repo().with("services/web/web.taskdef.json",
                Fixtures.WEB_TASKDEF.replace("\"family\": \"web\",", "\"family\": \"web\", \"family\": \"web2\","))), "duplicate key 'family'");
    }

    @Test
    void includePathEscapingTheRepositoryIsRejected() {
        SpecProblem p = problemContaining(quickly(repo().with(WEB, Fixtures.WEB.replace("file: web.taskdef.json", "file: ../../../etc/passwd"))),
                "outside the spec repository");
        assertEquals(WEB + ":7:11", p.location().toString());
        assertEquals("/spec/taskDefinition/file", p.pointer());
    }

    @Test
    void absoluteIncludePathIsRejected() {
        problemContaining(quickly(repo().with(WEB, Fixtures.WEB.replace("file: web.taskdef.json", "file: /etc/passwd"))), "absolute path");
    }

    @Test
    void includePathWithANulIsRejectedOnDisk(@TempDir Path dir) throws IOException {
        copy(repo().with(WEB, Fixtures.WEB.replace("file: web.taskdef.json", "file: \"web\\0.json\"")), dir);
        SpecProblem p = problemContaining(quickly(new DirectorySpecFiles(dir)), "control character");
        assertEquals(WEB + ":7:11", p.location().toString());
        assertTrue(p.describe().contains("web\\0.json"), p.describe());
    }

    @Test
    void missingIncludeIsReportedWhereItIsNamed() {
        SpecProblem p = problemContaining(quickly(repo().without("services/web/web.taskdef.json")), "file not found");
        assertEquals(WEB + ":7:11", p.location().toString());
    }

    @Test
    void symlinkPointingOutsideTheRootIsRejected(@TempDir Path dir) throws IOException {
        Path repoDir = dir.resolve("repo");
        copy(repo(), repoDir);
        Path secret = dir.resolve("secret.json");
        Files.writeString(secret, Fixtures.WEB_TASKDEF);
        Path link = repoDir.resolve("services/web/web.taskdef.json");
        Files.delete(link);
        Files.createSymbolicLink(link, secret);
        SpecProblem p = problemContaining(quickly(new DirectorySpecFiles(repoDir)), "symbolic link");
        assertEquals(WEB + ":7:11", p.location().toString());
    }

    @Test
    void symlinkedSpecFilePointingOutsideIsRejected(@TempDir Path dir) throws IOException {
        Path repoDir = dir.resolve("repo");
        copy(repo(), repoDir);
        Path outside = dir.resolve("elsewhere.yaml");
        Files.writeString(outside, Fixtures.PRODUCTION);
        Files.delete(repoDir.resolve("environments/production.yaml"));
        Files.createSymbolicLink(repoDir.resolve("environments/production.yaml"), outside);
        problemContaining(quickly(new DirectorySpecFiles(repoDir)), "symbolic link");
    }

    @Test
    void directoryRepositoryLoadsAndSkipsHiddenFolders(@TempDir Path dir) throws IOException {
        copy(repo(), dir);
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config.yaml"), "not: a spec\n");
        LoadResult result = SpecLoader.load(dir);
        assertTrue(result.isValid(), () -> describe(result.problems()));
    }

    @Test
    void yamlFileThatIsNotASpecIsReported() {
        SpecProblem p = problemContaining(quickly(repo().with("notes.yaml", "todo: [write docs]\n")), "not a Turnout spec");
        assertTrue(p.fix().contains("apiVersion: turnout/v1"), p.fix());
    }

    @Test
    void wrongApiVersionAndUnknownKind() {
        problemContaining(quickly(repo().with("a.yaml", "apiVersion: turnout/v2\nkind: Service\n")), "unsupported apiVersion");
        SpecProblem p = problemContaining(quickly(repo().with("a.yaml", "apiVersion: turnout/v1\nkind: Servise\n")), "unknown kind");
        assertTrue(p.fix().startsWith("did you mean 'Service'?"), p.fix());
    }

    @Test
    void emptyFileIsReported() {
        problemContaining(quickly(repo().with("a.yaml", "")), "the file is empty");
    }

    @Test
    void simulatedWorldIsSkipped() {
        Fixtures.assertValid(repo().with("world.yaml", "apiVersion: turnout/v1\nkind: SimulatedWorld\nmetadata: {name: w}\nspec: {regions: []}\n"));
    }

    static void copy(MemorySpecFiles files, Path dir) throws IOException {
        for (String path : files.list()) {
            Path target = dir.resolve(path);
            Files.createDirectories(target.getParent());
            Files.write(target, files.read(path));
        }
    }

    /** Counts reads, to prove that oversize files are rejected from their size alone. */
    static final class CountingFiles implements SpecFiles {
        private final SpecFiles delegate;
        int reads;

        CountingFiles(SpecFiles delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<String> list() throws IOException {
            return delegate.list();
        }

        @Override
        public long size(String path) throws IOException {
            return delegate.size(path);
        }

        @Override
        public byte[] read(String path) throws IOException {
            reads++;
            return delegate.read(path);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}
