package io.turnout.spec.load;

/**
 * Bounds that keep a hostile or broken spec repository from hurting the process reading it.
 * Each limit, when hit, becomes a {@link io.turnout.spec.SpecProblem}; none throws.
 *
 * @param maxFiles        most YAML spec candidates (*.yaml, *.yml) in one repository (default 20,000: 5,000 services with a task definition file each, and room)
 * @param maxFileBytes    largest spec or task definition file, checked before reading (default 1 MiB)
 * @param maxTotalBytes   most bytes read for one load, all files together (default 128 MiB)
 * @param maxNestingDepth deepest object/array nesting in one document (default 100)
 * @param maxNodesPerFile most values in one document after YAML aliases are expanded
 *                        (default 100 000); this is what stops "billion laughs" alias bombs
 */
public record SpecLimits(int maxFiles, long maxFileBytes, long maxTotalBytes, int maxNestingDepth, int maxNodesPerFile) {
    public static final SpecLimits DEFAULT = new SpecLimits(20_000, 1024 * 1024, 128L * 1024 * 1024, 100, 100_000);

    public SpecLimits {
        if (maxFiles < 1 || maxFileBytes < 1 || maxTotalBytes < maxFileBytes || maxNestingDepth < 8 || maxNodesPerFile < 100) {
            throw new IllegalArgumentException("spec limits too small or inconsistent: " + maxFiles + ", " + maxFileBytes
                    + ", " + maxTotalBytes + ", " + maxNestingDepth + ", " + maxNodesPerFile);
        }
    }

    public SpecLimits withMaxFileBytes(long bytes) {
        return new SpecLimits(maxFiles, bytes, Math.max(maxTotalBytes, bytes), maxNestingDepth, maxNodesPerFile);
    }

    public SpecLimits withMaxFiles(int files) {
        return new SpecLimits(files, maxFileBytes, maxTotalBytes, maxNestingDepth, maxNodesPerFile);
    }
}
