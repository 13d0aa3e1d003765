package io.turnout.spec.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A spec repository held in memory, for tests. */
final class MemorySpecFiles implements SpecFiles {
    private final Map<String, byte[]> files = new TreeMap<>();

    MemorySpecFiles with(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MemorySpecFiles withBytes(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    MemorySpecFiles without(String path) {
        files.remove(path);
        return this;
    }

    @Override
    public List<String> list() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public long size(String path) {
        byte[] b = files.get(path);
        return b == null ? -1 : b.length;
    }

    @Override
    public byte[] read(String path) {
        return files.get(path).clone();
    }

    @Override
    public String describe() {
        return "memory";
    }
}
