package io.turnout.spec;

/**
 * One of the two long-lived ECS services a blue/green service owns. Which one is BLUE
 * (serving production) is a property of live state, never of the slot itself.
 */
public enum Slot {
    A("a"), B("b");

    private final String id;

    Slot(String id) {
        this.id = id;
    }

    /** The lower-case id used in names ({@code web--a}) and tags ({@code turnout:slot=a}). */
    public String id() {
        return id;
    }

    public Slot other() {
        return this == A ? B : A;
    }

    public static Slot fromId(String id) {
        return switch (id) {
            case "a", "A" -> A;
            case "b", "B" -> B;
            default -> throw new IllegalArgumentException("slot must be 'a' or 'b', was '" + id + "'");
        };
    }

    /** The ECS service name of this slot for a Turnout service: {@code web} and A give {@code web--a}. */
    public String ecsServiceName(String service) {
        return service + "--" + id;
    }
}
