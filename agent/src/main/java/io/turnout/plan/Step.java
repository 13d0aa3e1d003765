package io.turnout.plan;

/**
 * One thing the executor does, in DESIGN.md's vocabulary. Each step names its Turnout
 * service and carries every name, port and ARN it needs; {@link #describe()} says what it
 * does in one line for people.
 */
public sealed interface Step permits RegisterTaskDefinition, CreateSlot, UpdateSlot, AwaitSteadyState, Verify,
        SwapTraffic, ShiftWeights, Retag, ApplyAutoScaling, MoveAutoScaling, RemoveAutoScaling, Downsize,
        UpdateInPlace, RollingUpdate, CreateService, PointStage, RunHook, WatchAlarms, AwaitApproval, CreateCanary,
        VerifyCanary, RemoveCanary, StartEcsDeployment, FollowEcsDeployment, StopEngineDeployment, AwaitEngineDeployment,
        CreateCodeDeployDeployment, FollowCodeDeployDeployment, UpdateEngineService {
    /** The Turnout service this step belongs to. */
    String service();

    /** One line, for people: "Swap traffic on shop-alb: prod listener 443 → web-b, stage listener 8443 → web-a". */
    String describe();
}
