package io.turnout.cloud;

/** A Route 53 change: {@code status} PENDING or INSYNC. */
public record ChangeInfo(String id, String status) {
    public boolean inSync() {
        return "INSYNC".equals(status);
    }
}
