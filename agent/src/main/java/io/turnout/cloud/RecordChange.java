package io.turnout.cloud;

/** One change of a ChangeResourceRecordSets batch. */
public record RecordChange(Action action, RecordSetInfo record) {
    public enum Action { CREATE, UPSERT, DELETE }
}
