package io.turnout.apply;

import io.turnout.state.Journal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Approvals kept in an environment's journal, next to the deployment they decide, so that they
 * outlive the process and reach whichever process resumes the deployment. Two kinds, one entry
 * each ({@code type: approval}):
 * <ul>
 *   <li>{@code scope: gate}: the decision about a deployment paused at its approval gate
 *       ({@code decision: approve|reject}, {@code commit}, optionally {@code service});</li>
 *   <li>{@code scope: plan}: a plan-only environment's pending plan of {@code commit} is
 *       approved for deployment; used up by the next deployment of that commit.</li>
 * </ul>
 * Who gave it ({@code by}) and when ({@code at}) are kept for the outcome.
 */
public final class JournalApprovals implements ApprovalDesk {
    /** One approval as journaled. */
    public record Entry(String scope, String commit, Optional<String> service, boolean approve, String by, Instant at) {
        public Entry {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(by, "by");
        }
    }

    public static final String GATE = "gate";
    public static final String PLAN = "plan";

    private final Journal journal;

    public JournalApprovals(Journal journal) {
        this.journal = journal;
    }

    /** Records a decision; it returns once the journal has it (durable). */
    public static void record(Journal journal, Entry entry) {
        ObjectNode node = JournalJson.NODES.objectNode().put("type", "approval").put("scope", entry.scope())
                .put("commit", entry.commit()).put("decision", entry.approve() ? "approve" : "reject")
                .put("by", entry.by()).put("at", entry.at().toString());
        entry.service().ifPresent(s -> node.put("service", s));
        journal.append(node);
    }

    /** Every approval in the journal, oldest first. */
    public static List<Entry> all(List<ObjectNode> entries) {
        return entries.stream().filter(e -> "approval".equals(e.path("type").asString())).map(e -> new Entry(
                e.path("scope").asString(GATE), e.path("commit").asString(""),
                Optional.ofNullable(e.get("service")).map(s -> s.asString()), "approve".equals(e.path("decision").asString()),
                e.path("by").asString("someone"), Instant.parse(e.path("at").asString(Instant.EPOCH.toString())))).toList();
    }

    /** The entry that uses up the plan approval of {@code commit} (its deployment is starting). */
    public static ObjectNode used(String commit) {
        return JournalJson.NODES.objectNode().put("type", "approval-used").put("commit", commit).put("at", Instant.now().toString());
    }

    /**
     * Whether the pending plan of {@code commit} was approved and not yet deployed: an approval of
     * scope plan after the last deployment ({@code begin}, or {@code approval-used}) of that commit. The approval, if so.
     */
    public static Optional<Entry> approvedPlan(List<ObjectNode> entries, String commit) {
        Optional<Entry> found = Optional.empty();
        for (ObjectNode e : entries) {
            String type = e.path("type").asString();
            if (("begin".equals(type) || "approval-used".equals(type)) && commit.equals(e.path("commit").asString(null))) {
                found = Optional.empty();
            }
            if ("approval".equals(type) && PLAN.equals(e.path("scope").asString()) && commit.equals(e.path("commit").asString(null))) {
                found = all(List.of(e)).stream().findFirst().filter(Entry::approve);
            }
        }
        return found;
    }

    @Override
    public Decision decide(PendingApproval pending) {
        List<ObjectNode> entries = journal.entries();
        int begin = -1;
        for (int i = 0; i < entries.size(); i++) if ("begin".equals(entries.get(i).path("type").asString())) begin = i;
        Decision decision = new Decision.Waiting();
        for (Entry e : all(entries.subList(begin + 1, entries.size()))) {
            if (!GATE.equals(e.scope())) continue;
            if (pending.commit().isPresent() && !pending.commit().get().equals(e.commit())) continue;
            if (e.service().isPresent() && !e.service().get().equals(pending.service())) continue;
            decision = e.approve() ? new Decision.Approved(e.by(), e.at()) : new Decision.Rejected(e.by(), e.at());
        }
        return decision;
    }
}
