package io.turnout.importer;

import io.turnout.spec.load.SpecFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The files an import is about to write, held in memory so that the spec loader can check them first. */
final class ImportedFiles implements SpecFiles {
    private final Map<String, String> files = new TreeMap<>();

    void put(String path, String text) {
        files.put(path, text);
    }

    void remove(String path) {
        files.remove(path);
    }

    Map<String, String> all() {
        return Map.copyOf(files);
    }

    @Override
    public List<String> list() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public long size(String path) {
        String text = files.get(path);
        return text == null ? -1 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public byte[] read(String path) {
        return files.get(path).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "the imported specs";
    }
}
