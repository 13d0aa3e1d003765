package io.turnout.spec;

import java.util.Objects;
import java.util.function.Function;

/** A value for each slot, e.g. the two target groups or the two Cloud Map services. */
public record SlotPair<T>(T a, T b) {
    public SlotPair {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }

    public T get(Slot slot) {
        return slot == Slot.A ? a : b;
    }

    public <R> SlotPair<R> map(Function<T, R> f) {
        return new SlotPair<>(f.apply(a), f.apply(b));
    }

    /** The slot holding {@code value}, or null when neither does. */
    public Slot slotOf(T value) {
        if (a.equals(value)) return Slot.A;
        if (b.equals(value)) return Slot.B;
        return null;
    }
}
