package io.turnout.state;

import java.time.InstantSource;

class LocalStateStoreTest extends StateStoreContract {
    @Override
    protected StateStore newStore(int historyLimit) {
        return new LocalStateStore(historyLimit, "this test", InstantSource.system());
    }
}
