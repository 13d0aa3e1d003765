#!/usr/bin/env bash
# Creates the infrastructure the specs in specs-example/ expect, in an AWS emulator (moto
# server or LocalStack) at AWS_ENDPOINT_URL: the ECS cluster, a VPC with one subnet and one
# security group for each subnet and security group id the specs name, the load balancer
# shop-alb with its prod and stage listeners and their priority-10 /api/* rules, the target
# groups web-a/web-b/api-a/api-b, the private hosted zone internal.shop.example. and the Cloud
# Map namespace svc.shop.local with catalog-a and catalog-b. What exists already is kept, so it
# can run any number of times. Turnout creates everything else (task definitions, the ECS
# services of each slot, records, auto scaling) on its first apply.
#
# The emulator gives the subnets and security groups ids of its own, and specs-example names
# made-up ones, so the script then writes the trial's spec repository (trial-specs.sh): a copy
# of specs-example with the emulator's ids, and the trial settings trial-specs.sh lists.
#
#   AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
#     deploy/local/create-example-infra.sh
#
# Settings (environment): AWS_REGION (eu-west-1, as specs-example), CLUSTER (production),
# PROD_PORT / STAGE_PORT (443 / 8443, as specs-example's listeners; plain HTTP listeners: an
# emulator has no certificates to serve, and Turnout finds listeners by port), ACCOUNT_ID and
# ROLE_ARN (specs-example's production account and role: when the credentials act in another
# account, the script assumes ROLE_ARN, as Turnout does, so that everything lands where Turnout
# looks), SPECS (specs-example next to this script), TRIAL_DIR (/tmp/turnout-trial: the id map
# network-ids is written there), TRIAL_SPECS (TRIAL_DIR/specs, a Git repository when git is
# installed; empty: do not write it), TRIAL_GIT (0: a plain folder, no Git).
# It refuses to run without AWS_ENDPOINT_URL, so it never creates anything in a real account
# by accident; set TURNOUT_ALLOW_REAL_AWS=1 if that is what you want.
set -euo pipefail
if (( BASH_VERSINFO[0] < 4 )); then
  echo "bash $BASH_VERSION is too old: this script needs bash 4 or newer (macOS: brew install bash)" >&2
  exit 1
fi

REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-eu-west-1}}"
CLUSTER="${CLUSTER:-production}"
PROD_PORT="${PROD_PORT:-443}"
STAGE_PORT="${STAGE_PORT:-8443}"
LB_NAME=shop-alb
ZONE=internal.shop.example.
NAMESPACE=svc.shop.local
ACCOUNT_ID="${ACCOUNT_ID:-222222222222}"
ROLE_ARN="${ROLE_ARN:-arn:aws:iam::$ACCOUNT_ID:role/turnout-deployer}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SPECS="${SPECS:-$HERE/../../specs-example}"
TRIAL_DIR="${TRIAL_DIR:-/tmp/turnout-trial}"
TRIAL_SPECS="${TRIAL_SPECS-$TRIAL_DIR/specs}"
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

# --- account: where Turnout will look ---------------------------------------------------
# Turnout assumes the production environment's roleArn and acts in its accountId. An emulator
# started without that account (moto's default is 123456789012) would get everything in another
# account than the one Turnout reads. moto answers AssumeRole with credentials acting in the
# role's account, so do as Turnout does; an emulator that does not is named below. (LocalStack
# takes the account from the access key id: AWS_ACCESS_KEY_ID=222222222222 needs no role.)
caller=$(awsx sts get-caller-identity --query Account)
if [[ "$caller" == "$ACCOUNT_ID" ]]; then
  say "account $ACCOUNT_ID" "(the credentials' own)"
else
  credentials=$(awsx sts assume-role --role-arn "$ROLE_ARN" --role-session-name turnout-local-infra \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
  read -r key secret token <<< "$credentials"
  export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
  acting=$(awsx sts get-caller-identity --query Account)
  if [[ "$acting" != "$ACCOUNT_ID" ]]; then
    echo "assuming $ROLE_ARN gave credentials of account $acting, not $ACCOUNT_ID: Turnout would not find what this script creates" >&2
    exit 1
  fi
  say "account $ACCOUNT_ID" "via $ROLE_ARN (the credentials act in $caller)"
fi

# --- ECS cluster ------------------------------------------------------------------------
cluster_status=$(awsx ecs describe-clusters --clusters "$CLUSTER" --query 'clusters[0].status')
if [[ "$cluster_status" == ACTIVE ]]; then
  say "cluster $CLUSTER" exists
else
  awsx ecs create-cluster --cluster-name "$CLUSTER" --query 'cluster.clusterArn' > /dev/null
  say "cluster $CLUSTER" created
fi

# --- network: a VPC of the trial's own, a subnet and a security group per id in the specs ---
# Every resource is tagged turnout-local:stands-for=<the specs' id>, which is how a second run
# finds it. The emulator checks the ids of CreateService's awsvpcConfiguration as AWS does.
tag_spec() { echo "ResourceType=$1,Tags=[{Key=turnout-local,Value=true},{Key=turnout-local:stands-for,Value=$2},{Key=Name,Value=turnout-local-$2}]"; }
vpc=$(awsx ec2 describe-vpcs --filters Name=tag:turnout-local,Values=true --query 'Vpcs[0].VpcId')
if present "$vpc"; then
  say "vpc $vpc" exists
else
  vpc=$(awsx ec2 create-vpc --cidr-block 10.42.0.0/16 --tag-specifications "$(tag_spec vpc vpc)" --query 'Vpc.VpcId')
  say "vpc $vpc" created
fi
# AWS: a private hosted zone and Cloud Map's private DNS namespace resolve only in a VPC with
# DNS support and DNS hostnames; moto: RunTask of an awsvpc task fails without DNS hostnames
# (the task's network interface has no private DNS name). Both are set on every run.
awsx ec2 modify-vpc-attribute --vpc-id "$vpc" --enable-dns-support '{"Value":true}'
awsx ec2 modify-vpc-attribute --vpc-id "$vpc" --enable-dns-hostnames '{"Value":true}'

read -r -a zones <<< "$(awsx ec2 describe-availability-zones --query 'AvailabilityZones[].ZoneName')"
ids_in_specs=$(sh "$HERE/trial-specs.sh" ids "$SPECS")
spec_ids=()
[[ -z "$ids_in_specs" ]] || mapfile -t spec_ids <<< "$ids_in_specs"
subnet_ids=() group_ids=()
for id in "${spec_ids[@]}"; do
  case $id in subnet-*) subnet_ids+=("$id") ;; sg-*) group_ids+=("$id") ;; esac
done
# The load balancer needs subnets in two availability zones, whatever the specs name.
while (( ${#subnet_ids[@]} < 2 )); do subnet_ids+=("load-balancer-${#subnet_ids[@]}"); done

declare -A created
subnets=()
for i in "${!subnet_ids[@]}"; do
  id=${subnet_ids[$i]} cidr="10.42.$i.0/24"
  subnet=$(awsx ec2 describe-subnets --filters "Name=vpc-id,Values=$vpc" "Name=tag:turnout-local:stands-for,Values=$id" \
    --query 'Subnets[0].SubnetId')
  if present "$subnet"; then
    say "$id" "-> $subnet exists"
  else
    # a subnet of an earlier version of this script, untagged: adopt it (a CIDR is taken once)
    subnet=$(awsx ec2 describe-subnets --filters "Name=vpc-id,Values=$vpc" "Name=cidr-block,Values=$cidr" \
      --query 'Subnets[0].SubnetId')
    if present "$subnet"; then
      awsx ec2 create-tags --resources "$subnet" --tags Key=turnout-local:stands-for,Value="$id"
      say "$id" "-> $subnet adopted ($cidr, of an earlier run)"
    else
      subnet=$(awsx ec2 create-subnet --vpc-id "$vpc" --cidr-block "$cidr" \
        --availability-zone "${zones[$((i % ${#zones[@]}))]}" --tag-specifications "$(tag_spec subnet "$id")" \
        --query 'Subnet.SubnetId')
      say "$id" "-> $subnet created ($cidr)"
    fi
  fi
  subnets+=("$subnet")
  created[$id]=$subnet
done
for id in "${group_ids[@]}"; do
  group=$(awsx ec2 describe-security-groups --filters "Name=vpc-id,Values=$vpc" "Name=group-name,Values=turnout-local-$id" \
    --query 'SecurityGroups[0].GroupId')
  if present "$group"; then
    say "$id" "-> $group exists"
  else
    group=$(awsx ec2 create-security-group --vpc-id "$vpc" --group-name "turnout-local-$id" \
      --description "Turnout local trial: stands for $id of specs-example" \
      --tag-specifications "$(tag_spec security-group "$id")" --query GroupId)
    say "$id" "-> $group created"
  fi
  created[$id]=$group
done

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

# --- the trial's spec repository ----------------------------------------------------------
# network-ids: one line per id of the specs, "specs-id emulator-id"; trial-specs.sh reads it.
mkdir -p "$TRIAL_DIR"
{
  echo "# the specs' network ids and the ones create-example-infra.sh created for them ($ACCOUNT_ID, $REGION, ${AWS_ENDPOINT_URL:-AWS})"
  for id in "${spec_ids[@]}"; do echo "$id ${created[$id]}"; done
} > "$TRIAL_DIR/network-ids"
say "network ids" "$TRIAL_DIR/network-ids"
echo "Example infrastructure ready in $REGION at ${AWS_ENDPOINT_URL:-AWS}."
if [[ -n "$TRIAL_SPECS" ]]; then
  if [[ "${TRIAL_GIT:-1}" != 0 ]] && command -v git > /dev/null; then
    sh "$HERE/trial-specs.sh" write "$SPECS" "$TRIAL_DIR/network-ids" "$TRIAL_SPECS" --commit
  else
    sh "$HERE/trial-specs.sh" write "$SPECS" "$TRIAL_DIR/network-ids" "$TRIAL_SPECS"
  fi
fi
