package io.turnout.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CloudWatch alarms that must stay OK: before production moves, while the new version bakes,
 * and for {@code watchAfterSwap} after it moved (default: the bake time). An alarm in ALARM
 * rolls the service back. The same names go to ECS's own alarm-based rollback
 * ({@code deploymentConfiguration.alarms}) of rolling services.
 *
 * @param names          alarm names (empty: no alarm gate)
 * @param onMissingData  what INSUFFICIENT_DATA, an alarm that does not exist, or a failed read
 *                       means: {@link MissingData#FAIL} (default: fail closed) or ignore it, as
 *                       CodeDeploy's {@code ignorePollAlarmFailure}
 * @param watchAfterSwap how long the alarms are watched once production moved; empty: the bake time
 */
public record AlarmGate(List<String> names, MissingData onMissingData, Optional<Duration> watchAfterSwap) {
    /** What an alarm that cannot tell (INSUFFICIENT_DATA, missing, read failed) means. */
    public enum MissingData {
        FAIL("fail"), IGNORE("ignore");

        private final String specValue;

        MissingData(String specValue) {
            this.specValue = specValue;
        }

        public String specValue() {
            return specValue;
        }

        public static MissingData fromSpec(String value) {
            for (MissingData m : values()) if (m.specValue.equals(value)) return m;
            throw new IllegalArgumentException("onMissingData is fail or ignore, not '" + value + "'");
        }
    }

    public AlarmGate {
        names = List.copyOf(names);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** How long to watch after the swap: {@code watchAfterSwap}, else {@code bakeTime}. */
    public Duration watchAfterSwap(Duration bakeTime) {
        return watchAfterSwap.orElse(bakeTime);
    }
}
