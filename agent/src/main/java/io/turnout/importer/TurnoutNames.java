package io.turnout.importer;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turnout service names for ECS services: 2–40 lower-case letters, digits and single dashes,
 * starting with a letter ({@code WebService_Prod-1A2B} becomes {@code webservice-prod-1a2b}),
 * unique within one import.
 */
final class TurnoutNames {
    private final Set<String> taken = new HashSet<>();

    /** A name for {@code ecsName} that no earlier call returned. */
    String of(String ecsName) {
        String base = sanitize(ecsName);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            String suffix = "-" + i;
            name = trim(base.substring(0, Math.min(base.length(), 40 - suffix.length()))) + suffix;
        }
        return name;
    }

    /** The name two slots share: their common beginning ({@code web} for {@code web-blue} and {@code web-green}). */
    static String common(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
        String prefix = a.substring(0, n).replaceAll("[-_]+$", "");
        return prefix.length() >= 2 ? prefix : a;
    }

    static String sanitize(String ecsName) {
        String s = ecsName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
        s = s.replaceAll("^[^a-z]+", "");
        s = trim(s.length() > 40 ? s.substring(0, 40) : s);
        if (s.length() < 2) s = ("svc-" + s).replaceAll("-$", "") + (s.isEmpty() ? "1" : "");
        return s;
    }

    private static String trim(String s) {
        return s.replaceAll("-+$", "");
    }
}
