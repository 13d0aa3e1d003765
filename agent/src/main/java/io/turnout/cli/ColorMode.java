package io.turnout.cli;

/** {@code --color}: ANSI colours on a terminal by default, never in pipes or when NO_COLOR is set. */
enum ColorMode {
    auto, always, never;

    boolean enabled() {
        return switch (this) {
            case always -> true;
            case never -> false;
            case auto -> System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"))
                    && System.console() != null && System.console().isTerminal();
        };
    }
}
