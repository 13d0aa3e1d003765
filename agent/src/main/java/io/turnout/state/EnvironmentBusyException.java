package io.turnout.state;

import io.turnout.error.TurnoutException;

/** Another process holds the environment's lease: nothing may change it now. Names the holder. */
public final class EnvironmentBusyException extends TurnoutException {
    private final String environment;
    private final LeaseHolder holder;

    public EnvironmentBusyException(String environment, LeaseHolder holder) {
        super(environment + " is being changed by " + holder.describe(),
                "Nothing was changed. Wait until it has finished, then try again; a holder that died leaves it when its lease runs out ("
                        + holder.until() + ").");
        this.environment = environment;
        this.holder = holder;
    }

    public String environment() {
        return environment;
    }

    public LeaseHolder holder() {
        return holder;
    }
}
