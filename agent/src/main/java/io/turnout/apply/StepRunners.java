package io.turnout.apply;

import io.turnout.plan.ApplyAutoScaling;
import io.turnout.plan.AwaitEngineDeployment;
import io.turnout.plan.CreateCodeDeployDeployment;
import io.turnout.plan.FollowCodeDeployDeployment;
import io.turnout.plan.FollowEcsDeployment;
import io.turnout.plan.StartEcsDeployment;
import io.turnout.plan.StopEngineDeployment;
import io.turnout.plan.UpdateEngineService;
import io.turnout.plan.AwaitApproval;
import io.turnout.plan.CreateCanary;
import io.turnout.plan.RemoveCanary;
import io.turnout.plan.RunHook;
import io.turnout.plan.VerifyCanary;
import io.turnout.plan.WatchAlarms;
import io.turnout.plan.AwaitSteadyState;
import io.turnout.plan.CreateService;
import io.turnout.plan.CreateSlot;
import io.turnout.plan.Downsize;
import io.turnout.plan.MoveAutoScaling;
import io.turnout.plan.PointStage;
import io.turnout.plan.RegisterTaskDefinition;
import io.turnout.plan.RemoveAutoScaling;
import io.turnout.plan.Retag;
import io.turnout.plan.RollingUpdate;
import io.turnout.plan.ShiftWeights;
import io.turnout.plan.Step;
import io.turnout.plan.SwapTraffic;
import io.turnout.plan.UpdateInPlace;
import io.turnout.plan.UpdateSlot;
import io.turnout.plan.Verify;
import tools.jackson.databind.node.ObjectNode;

/** Which runner carries out which step: one per step kind, chosen by an exhaustive switch. */
final class StepRunners {
    private StepRunners() {}

    static ObjectNode run(Step step, StepContext ctx) {
        return switch (step) {
            case RegisterTaskDefinition s -> new RegisterTaskDefinitionRunner().run(s, ctx);
            case CreateSlot s -> new CreateSlotRunner().run(s, ctx);
            case CreateService s -> new CreateServiceRunner().run(s, ctx);
            case UpdateSlot s -> new UpdateSlotRunner().run(s, ctx);
            case RollingUpdate s -> new RollingUpdateRunner().run(s, ctx);
            case AwaitSteadyState s -> new AwaitSteadyStateRunner().run(s, ctx);
            case PointStage s -> new PointStageRunner().run(s, ctx);
            case Verify s -> new VerifyRunner().run(s, ctx);
            case SwapTraffic s -> new SwapTrafficRunner().run(s, ctx);
            case ShiftWeights s -> new ShiftWeightsRunner().run(s, ctx);
            case Retag s -> new RetagRunner().run(s, ctx);
            case ApplyAutoScaling s -> new ApplyAutoScalingRunner().run(s, ctx);
            case MoveAutoScaling s -> new MoveAutoScalingRunner().run(s, ctx);
            case RemoveAutoScaling s -> new RemoveAutoScalingRunner().run(s, ctx);
            case Downsize s -> new DownsizeRunner().run(s, ctx);
            case UpdateInPlace s -> new UpdateInPlaceRunner().run(s, ctx);
            case StartEcsDeployment s -> new StartEcsDeploymentRunner().run(s, ctx);
            case FollowEcsDeployment s -> new FollowEcsDeploymentRunner().run(s, ctx);
            case StopEngineDeployment s -> new StopEngineDeploymentRunner().run(s, ctx);
            case AwaitEngineDeployment s -> new AwaitEngineDeploymentRunner().run(s, ctx);
            case CreateCodeDeployDeployment s -> new CreateCodeDeployDeploymentRunner().run(s, ctx);
            case FollowCodeDeployDeployment s -> new FollowCodeDeployDeploymentRunner().run(s, ctx);
            case UpdateEngineService s -> new UpdateEngineServiceRunner().run(s, ctx);
            case RunHook s -> new RunHookRunner().run(s, ctx);
            case WatchAlarms s -> new WatchAlarmsRunner().run(s, ctx);
            case AwaitApproval s -> new AwaitApprovalRunner().run(s, ctx);
            case CreateCanary s -> new CreateCanaryRunner().run(s, ctx);
            case VerifyCanary s -> new VerifyCanaryRunner().run(s, ctx);
            case RemoveCanary s -> new RemoveCanaryRunner().run(s, ctx);
        };
    }

    /**
     * Whether the step moves production traffic (the swap, or a DNS weight step). The steps of AWS's
     * own engines do not count: the engine moves traffic, and sends it back itself when stopped.
     */
    static boolean movesProduction(Step step) {
        return step instanceof SwapTraffic || step instanceof ShiftWeights;
    }
}
