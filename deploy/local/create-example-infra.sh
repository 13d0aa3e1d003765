#!/usr/bin/env bash
# Creates the infrastructure the specs in specs-example/ expect, in an AWS emulator (moto
# server or LocalStack) at AWS_ENDPOINT_URL: the ECS cluster, the load balancer shop-alb with
# its prod and stage listeners and their priority-10 /api/* rules, the target groups
# web-a/web-b/api-a/api-b, the private hosted zone internal.shop.example. and the Cloud Map
# namespace svc.shop.local with catalog-a and catalog-b. What exists already is kept, so it
# can run any number of times. Turnout creates everything else (task definitions, the ECS
# services of each slot, records, auto scaling) on its first apply.
#
#   AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
#     deploy/local/create-example-infra.sh
#
# Settings (environment): AWS_REGION (eu-west-1, as specs-example), CLUSTER (production),
# PROD_PORT / STAGE_PORT (443 / 8443, as specs-example's listeners; plain HTTP listeners: an
# emulator has no certificates to serve, and Turnout finds listeners by port).
# It refuses to run without AWS_ENDPOINT_URL, so it never creates anything in a real account
# by accident; set TURNOUT_ALLOW_REAL_AWS=1 if that is what you want.
set -euo pipefail

REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-eu-west-1}}"
CLUSTER="${CLUSTER:-production}"
PROD_PORT="${PROD_PORT:-443}"
STAGE_PORT="${STAGE_PORT:-8443}"
LB_NAME=shop-alb
ZONE=internal.shop.example.
NAMESPACE=svc.shop.local
export AWS_PAGER=""

if [[ -z "${AWS_ENDPOINT_URL:-}" && "${TURNOUT_ALLOW_REAL_AWS:-}" != 1 ]]; then
  echo "AWS_ENDPOINT_URL is not set: refusing to create resources in a real AWS account." >&2
  echo "Point it at the emulator (e.g. http://127.0.0.1:5000), or set TURNOUT_ALLOW_REAL_AWS=1." >&2
  exit 1
fi
if ! command -v aws > /dev/null; then
  echo "the AWS CLI is not installed (https://aws.amazon.com/cli/, or the amazon/aws-cli image)" >&2
  exit 1
fi

# Every call: the emulator's endpoint (given explicitly, so older CLIs that do not read
# AWS_ENDPOINT_URL work too), the region, and plain text output for the shell.
awsx() {
  if [[ -n "${AWS_ENDPOINT_URL:-}" ]]; then
    aws --endpoint-url "$AWS_ENDPOINT_URL" --region "$REGION" --output text "$@"
  else
    aws --region "$REGION" --output text "$@"
  fi
}
# "None" is how the CLI prints an absent value in text output.
present() { [[ -n "$1" && "$1" != None ]]; }
say() { printf '%-28s %s\n' "$1" "$2"; }

# --- ECS cluster ------------------------------------------------------------------------
cluster_status=$(awsx ecs describe-clusters --clusters "$CLUSTER" --query 'clusters[0].status')
if [[ "$cluster_status" == ACTIVE ]]; then
  say "cluster $CLUSTER" exists
else
  awsx ecs create-cluster --cluster-name "$CLUSTER" --query 'cluster.clusterArn' > /dev/null
  say "cluster $CLUSTER" created
fi

# --- network: the default VPC's subnets, or a VPC of our own -------------------------------
# An application load balancer needs subnets in two availability zones.
vpc=$(awsx ec2 describe-vpcs --filters Name=tag:turnout-local,Values=true --query 'Vpcs[0].VpcId')
if ! present "$vpc"; then
  vpc=$(awsx ec2 describe-vpcs --filters Name=isDefault,Values=true --query 'Vpcs[0].VpcId')
fi
if ! present "$vpc"; then
  vpc=$(awsx ec2 create-vpc --cidr-block 10.42.0.0/16 --query 'Vpc.VpcId')
  awsx ec2 create-tags --resources "$vpc" --tags Key=turnout-local,Value=true Key=Name,Value=turnout-local
  say "vpc" "$vpc created"
fi
read -r -a subnets <<< "$(awsx ec2 describe-subnets --filters "Name=vpc-id,Values=$vpc" --query 'Subnets[].SubnetId')"
if (( ${#subnets[@]} < 2 )); then
  read -r -a zones <<< "$(awsx ec2 describe-availability-zones --query 'AvailabilityZones[0:2].ZoneName')"
  subnets=()
  for i in 0 1; do
    subnets+=("$(awsx ec2 create-subnet --vpc-id "$vpc" --cidr-block "10.42.$i.0/24" \
      --availability-zone "${zones[$i]}" --query 'Subnet.SubnetId')")
  done
  say "subnets" "${subnets[*]} created"
fi
say "vpc $vpc" "subnets ${subnets[0]} ${subnets[1]}"

# --- target groups ---------------------------------------------------------------------
declare -A tg
for spec in web-a:8080 web-b:8080 api-a:9000 api-b:9000; do
  name=${spec%%:*} port=${spec##*:}
  arn=$(awsx elbv2 describe-target-groups --names "$name" --query 'TargetGroups[0].TargetGroupArn' 2> /dev/null || true)
  if present "$arn"; then
    say "target group $name" exists
  else
    arn=$(awsx elbv2 create-target-group --name "$name" --protocol HTTP --port "$port" --target-type ip \
      --vpc-id "$vpc" --health-check-path / --query 'TargetGroups[0].TargetGroupArn')
    say "target group $name" "created (port $port)"
  fi
  tg[$name]=$arn
done

# --- load balancer, listeners, rules ----------------------------------------------------
lb=$(awsx elbv2 describe-load-balancers --names "$LB_NAME" --query 'LoadBalancers[0].LoadBalancerArn' 2> /dev/null || true)
if present "$lb"; then
  say "load balancer $LB_NAME" exists
else
  lb=$(awsx elbv2 create-load-balancer --name "$LB_NAME" --type application --scheme internal \
    --subnets "${subnets[0]}" "${subnets[1]}" --query 'LoadBalancers[0].LoadBalancerArn')
  say "load balancer $LB_NAME" created
fi

# listener PORT DEFAULT_TG RULE_TG: the listener forwarding to DEFAULT_TG, with its
# priority-10 rule sending /api/* to RULE_TG.
listener() {
  local port=$1 default_tg=$2 rule_tg=$3 arn rule
  arn=$(awsx elbv2 describe-listeners --load-balancer-arn "$lb" --query "Listeners[?Port==\`$port\`].ListenerArn | [0]")
  if present "$arn"; then
    say "listener :$port" exists
  else
    arn=$(awsx elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port "$port" \
      --default-actions "Type=forward,TargetGroupArn=${tg[$default_tg]}" --query 'Listeners[0].ListenerArn')
    say "listener :$port" "created -> $default_tg"
  fi
  rule=$(awsx elbv2 describe-rules --listener-arn "$arn" --query "Rules[?Priority=='10'].RuleArn | [0]")
  if present "$rule"; then
    say "rule :$port priority 10" exists
  else
    awsx elbv2 create-rule --listener-arn "$arn" --priority 10 \
      --conditions 'Field=path-pattern,Values=/api/*' \
      --actions "Type=forward,TargetGroupArn=${tg[$rule_tg]}" --query 'Rules[0].RuleArn' > /dev/null
    say "rule :$port priority 10" "created /api/* -> $rule_tg"
  fi
}
listener "$PROD_PORT" web-a api-a
listener "$STAGE_PORT" web-b api-b

# --- private hosted zone ---------------------------------------------------------------
zone_id=$(awsx route53 list-hosted-zones-by-name --dns-name "$ZONE" --query "HostedZones[?Name=='$ZONE'].Id | [0]")
if present "$zone_id"; then
  say "hosted zone $ZONE" exists
else
  zone_id=$(awsx route53 create-hosted-zone --name "$ZONE" --caller-reference "turnout-local-$ZONE" \
    --vpc "VPCRegion=$REGION,VPCId=$vpc" --hosted-zone-config "PrivateZone=true,Comment=Turnout local trial" \
    --query 'HostedZone.Id')
  say "hosted zone $ZONE" "created (private, $zone_id)"
fi

# --- Cloud Map namespace and services ---------------------------------------------------
namespace_id() {
  awsx servicediscovery list-namespaces --query "Namespaces[?Name=='$NAMESPACE'].Id | [0]"
}
ns=$(namespace_id)
if present "$ns"; then
  say "namespace $NAMESPACE" exists
else
  operation=$(awsx servicediscovery create-private-dns-namespace --name "$NAMESPACE" --vpc "$vpc" --query OperationId)
  # Namespace creation is asynchronous in AWS (it creates a hosted zone); wait for it.
  for _ in $(seq 1 60); do
    status=$(awsx servicediscovery get-operation --operation-id "$operation" --query Operation.Status)
    [[ "$status" == SUCCESS ]] && break
    if [[ "$status" == FAIL ]]; then echo "creating namespace $NAMESPACE failed" >&2; exit 1; fi
    sleep 2
  done
  ns=$(namespace_id)
  say "namespace $NAMESPACE" "created ($ns)"
fi
for name in catalog-a catalog-b; do
  existing=$(awsx servicediscovery list-services --filters "Name=NAMESPACE_ID,Values=$ns,Condition=EQ" \
    --query "Services[?Name=='$name'].Id | [0]")
  if present "$existing"; then
    say "cloud map service $name" exists
  else
    awsx servicediscovery create-service --name "$name" --namespace-id "$ns" \
      --dns-config 'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=10}]' \
      --health-check-custom-config FailureThreshold=1 --query 'Service.Id' > /dev/null
    say "cloud map service $name" created
  fi
done

echo "Example infrastructure ready in $REGION at ${AWS_ENDPOINT_URL:-AWS}."
