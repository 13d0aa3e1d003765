package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecTree;
import io.turnout.spec.load.DirectorySpecFiles;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs read from a commit's tree must load exactly like the same files in a folder. */
class GitTreeSpecFilesTest {
    @TempDir
    Path dir;
    TestRepo repo;

    @BeforeEach
    void createRepo() throws Exception {
        repo = TestRepo.create(dir);
    }

    @AfterEach
    void closeRepo() {
        repo.close();
    }

    private GitTreeSpecFiles tree(String commit, String path) {
        Repository r = repo.git().getRepository();
        return new GitTreeSpecFiles(r, ObjectId.fromString(commit), path, "test@" + commit.substring(0, 12));
    }

    @Test
    void specsExampleLoadsTheSameFromTheTreeAsFromTheFolder() throws Exception {
        String c = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        GitTreeSpecFiles files = tree(c, "");

        assertEquals(new DirectorySpecFiles(TestRepo.SPECS_EXAMPLE).list(), files.list());
        LoadResult fromGit = new SpecLoader().load(files);
        LoadResult fromFolder = new SpecLoader().load(new DirectorySpecFiles(TestRepo.SPECS_EXAMPLE));
        assertTrue(fromGit.isValid(), () -> fromGit.problems().toString());
        assertEquals(fromFolder, fromGit);
    }

    @Test
    void brokenSpecsGiveTheSameProblemsFromTheTreeAsFromTheFolder() throws Exception {
        String c = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        String web = Files.readString(repo.work.resolve("services/web/service.yaml"))
                .replace("port: 8080", "port: 8081")
                .replace("environments: [staging, production]", "environments: [staging, production, qa]");
        assertNotEquals(Files.readString(repo.work.resolve("services/web/service.yaml")), web, "the fixture edit must change something");
        String broken = repo.commit("break web", Map.of("services/web/service.yaml", web));

        LoadResult fromGit = new SpecLoader().load(tree(broken, ""));
        LoadResult fromFolder = new SpecLoader().load(new DirectorySpecFiles(repo.work));
        assertFalse(fromGit.isValid());
        assertEquals(fromFolder.problems(), fromGit.problems());
        assertTrue(new SpecLoader().load(tree(c, "")).isValid(), "the earlier commit is still readable and valid");
    }

    @Test
    void hiddenFilesAndFoldersAreNotListed() throws Exception {
        String c = repo.commit("files", Map.of(
                "a.yaml", "x: 1\n",
                ".hidden.yaml", "x: 1\n",
                ".github/workflows/plan.yaml", "on: push\n",
                "services/.draft/b.yaml", "x: 1\n",
                "services/c.yml", "x: 1\n"));
        assertEquals(List.of("a.yaml", "services/c.yml"), tree(c, "").list());
    }

    @Test
    void sizeComesFromTheObjectAndMissingFilesAreMinusOne() throws Exception {
        String content = "apiVersion: turnout/v1\n# é\n";
        String c = repo.commit("files", Map.of("deploy/env.yaml", content, "deploy/sub/x.json", "{}"));
        GitTreeSpecFiles files = tree(c, "deploy");
        assertEquals(content.getBytes(StandardCharsets.UTF_8).length, files.size("env.yaml"));
        assertEquals(-1, files.size("nope.yaml"));
        assertEquals(-1, files.size("sub"), "a folder is not a file");
        assertEquals(content, new String(files.read("env.yaml"), StandardCharsets.UTF_8));
        assertEquals(List.of("env.yaml", "sub/x.json"), files.list());
        assertThrows(DirectorySpecFiles.OutsideSpecRootException.class, () -> files.read("../README.md"));
        assertThrows(DirectorySpecFiles.OutsideSpecRootException.class, () -> files.size("/etc/passwd"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> files.read("nope.yaml"));
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        repo.commit("files", Map.of("real/env.yaml", "x: 1\n"));
        Files.createSymbolicLink(repo.work.resolve("link.yaml"), Path.of("real/env.yaml"));
        Files.createSymbolicLink(repo.work.resolve("passwd.yaml"), Path.of("/etc/passwd"));
        String c = repo.commitAll("links");
        GitTreeSpecFiles files = tree(c, "");

        assertEquals(List.of("real/env.yaml"), files.list());
        assertEquals(-1, files.size("link.yaml"));
        assertEquals(-1, files.size("passwd.yaml"));
        IOException e = assertThrows(IOException.class, () -> files.read("passwd.yaml"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void aRevertedCommitHasTheSpecsOfTheStateBeforeIt() throws Exception {
        String before = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        String taskdef = Files.readString(repo.work.resolve("services/web/web.taskdef.json"));
        String bumped = repo.commit("web 1.28", Map.of("services/web/web.taskdef.json", taskdef.replace("nginx:1.27", "nginx:1.28")));
        String reverted = repo.revert(bumped);

        SpecTree atBefore = load(before);
        SpecTree atBumped = load(bumped);
        SpecTree atRevert = load(reverted);
        assertNotEquals(atBefore.service("web"), atBumped.service("web"));
        assertEquals(atBefore.service("web"), atRevert.service("web"));
        assertEquals(atBefore, atRevert);
        assertEquals(HistoryMove.FORWARD, CommitHistory.classify(repo.git().getRepository(), java.util.Optional.of(bumped), reverted),
                "a revert is an ordinary forward commit");
    }

    private SpecTree load(String commit) {
        LoadResult result = new SpecLoader().load(tree(commit, ""));
        return result.tree().orElseThrow(() -> new AssertionError(result.problems()));
    }

    @Test
    void manyFilesInSubfoldersAreListedSorted() throws Exception {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 30; i++) files.put("s/" + (char) ('a' + i % 26) + i + "/f.yaml", "x: " + i + "\n");
        String c = repo.commit("many", files);
        List<String> listed = tree(c, "s").list();
        assertEquals(30, listed.size());
        assertEquals(listed.stream().sorted().toList(), listed);
    }
}
