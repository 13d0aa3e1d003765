package io.turnout.diff;

/** What happened to a field between live ({@code before}) and desired ({@code after}). */
public enum ChangeType {
    /** Only desired has it. */
    ADD,
    /** Only live has it. */
    REMOVE,
    /** Both have it, with different values. */
    MODIFY
}
