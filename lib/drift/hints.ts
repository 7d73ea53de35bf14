// Remediation hints: the text of the kubectl or aws command that would bring one side to the
// other. Parallax never runs them (it only reads); they are for a person to review and run. A
// secret's value is never in a hint: where one would be needed, the hint says where it lives.
import { formatBytes, formatCpu, millisToEcsCpu, type Autoscaler, type EnvVar, type Source, type Workload } from '@/lib/model';
import type { Change } from './collect';
import type { Hint } from './types';
import { secretSourceText } from './values';

export interface HintSide {
  w: Workload;
  source: Source;
}

/** A shell word: left bare when safe, else single-quoted. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function kubectl(x: HintSide): string {
  const context = x.source.connection.context ?? x.source.name;
  return `kubectl --context ${shellQuote(context)}${x.w.groupName ? ` -n ${shellQuote(x.w.groupName)}` : ''}`;
}
const k8sTarget = (x: HintSide) => `${x.w.workloadKind.toLowerCase()}/${shellQuote(x.w.name)}`;

function awsOptions(x: HintSide): string {
  const c = x.source.connection;
  // The demo's "profile" is a name, not one in ~/.aws: its simulator takes the credentials `npm run sim` prints.
  const profile = c.profile && c.profile !== 'default' && !x.source.demo;
  return [c.region && `--region ${shellQuote(c.region)}`, profile && `--profile ${shellQuote(c.profile!)}`, c.endpoint && `--endpoint-url ${shellQuote(c.endpoint)}`]
    .filter(Boolean).join(' ');
}
const cluster = (x: HintSide) => shellQuote(x.w.groupName ?? 'default');
const family = (x: HintSide) => (x.w.template.ref ?? x.w.name).split(':')[0];

function updateService(x: HintSide, args: string): string {
  return `aws ecs update-service --cluster ${cluster(x)} --service ${shellQuote(x.w.name)} ${args} ${awsOptions(x)}`.trim();
}

/** ECS task definitions are immutable: a change is a new revision, then the service pointed at it. */
function newRevision(x: HintSide, what: string): Hint['command'] {
  const ref = x.w.template.ref ?? family(x);
  const file = `${family(x)}.json`;
  return [
    `aws ecs describe-task-definition --task-definition ${shellQuote(ref)} --query taskDefinition ${awsOptions(x)} > ${shellQuote(file)}`.replace(/ {2,}/g, ' '),
    `# edit ${file}: ${what}; remove taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, registeredBy`,
    `aws ecs register-task-definition --cli-input-json ${shellQuote(`file://${file}`)} ${awsOptions(x)}`.trim(),
    updateService(x, `--task-definition ${shellQuote(family(x))}`),
  ].join('\n');
}

const quantity = (resource: 'cpu' | 'memory', v: number) => (resource === 'cpu' ? formatCpu(v) : Number.isInteger(v / 2 ** 20) ? formatBytes(v) : String(v));
const ecsUnits = (resource: 'cpu' | 'memory', v: number) => (resource === 'cpu' ? `${millisToEcsCpu(v)} units` : `${Math.round(v / 2 ** 20)} MiB`);

function envHint(x: HintSide, container: string, name: string, mine: EnvVar | undefined, want: EnvVar | undefined): Omit<Hint, 'changes'> {
  // A plain value where this side keeps a secret may well be a credential: never copied into a hint;
  // nor is the text of a value the server masked as a credential (lib/security/mask.ts).
  if (want && want.from !== 'secret' && (mine?.from === 'secret' || want.value?.startsWith('[masked by Parallax'))) want = { ...want, value: '…' };
  if (x.w.platform === 'ecs') {
    const what = !want ? `remove ${name} from containerDefinitions[${container}] environment/secrets`
      : want.from === 'secret' ? `add ${name} to containerDefinitions[${container}].secrets (valueFrom: the ARN of the secret holding ${secretSourceText(want)}'s value)`
        : `set ${name}=${JSON.stringify(want.value ?? '')} in containerDefinitions[${container}].environment`;
    if (mine?.from === 'secret' && want?.from === 'secret' && mine.ref?.arn) {
      const store = /:secretsmanager:/.test(mine.ref.arn) ? `aws secretsmanager put-secret-value --secret-id ${shellQuote(mine.ref.name ?? mine.ref.arn)} --secret-string …` : `aws ssm put-parameter --name ${shellQuote(mine.ref.name ?? mine.ref.arn)} --type SecureString --overwrite --value …`;
      return { command: `${store} ${awsOptions(x)}`.trim(), note: `put the value of ${secretSourceText(want)} there (Parallax never reads it out), then force a new deployment` };
    }
    return { command: newRevision(x, what) };
  }
  const k = kubectl(x);
  const target = k8sTarget(x);
  if (!want) return { command: `${k} set env ${target} -c ${shellQuote(container)} ${shellQuote(`${name}-`)}` };
  if (want.from === 'secret') {
    if (mine?.from === 'secret' && mine.ref?.name) {
      return { command: `${k} edit secret ${shellQuote(mine.ref.name)}`, note: `set key ${mine.ref.key ?? name} to the value of ${secretSourceText(want)} (Parallax never reads it out), then: ${k} rollout restart ${target}` };
    }
    return { command: `${k} set env ${target} -c ${shellQuote(container)} --from=secret/SECRET --keys=KEY`, note: `a Secret holding the value of ${secretSourceText(want)}; --from with --keys names the variable after the key, so name the key ${name}` };
  }
  if (mine?.from === 'config' && mine.ref?.name && mine.ref.key !== undefined) {
    const patch = JSON.stringify({ data: { [mine.ref.key]: want.value ?? '' } });
    return { command: `${k} patch configmap ${shellQuote(mine.ref.name)} --type merge -p ${shellQuote(patch)}`, note: `pods read it when they start: ${k} rollout restart ${target}` };
  }
  return { command: `${k} set env ${target} -c ${shellQuote(container)} ${shellQuote(`${name}=${want.value ?? ''}`)}` };
}

function autoscalingHint(x: HintSide, mine: Autoscaler | undefined, want: Autoscaler | undefined, wantReplicas: number): Omit<Hint, 'changes'> {
  const cpu = want?.metrics.find((m) => m.name === 'cpu' && m.targetType === 'utilization')?.target;
  if (x.w.platform === 'kubernetes') {
    const k = kubectl(x);
    if (!want) return { command: `${k} delete hpa ${shellQuote(mine?.name ?? x.w.name)}\n${k} scale ${k8sTarget(x)} --replicas=${wantReplicas}` };
    if (!mine) return { command: `${k} autoscale ${k8sTarget(x)} --min=${want.min} --max=${want.max}${cpu !== undefined ? ` --cpu-percent=${cpu}` : ''}` };
    const patch = JSON.stringify({ spec: { minReplicas: want.min, maxReplicas: want.max } });
    return { command: `${k} patch hpa ${shellQuote(mine.name)} --type merge -p ${shellQuote(patch)}`, ...(want.metrics.length ? { note: `targets: ${want.metrics.map((m) => `${m.name} ${m.target}${m.targetType === 'utilization' ? '%' : ''}`).join(', ')}` } : {}) };
  }
  const resourceId = `service/${x.w.groupName ?? 'default'}/${x.w.name}`;
  const common = `--service-namespace ecs --resource-id ${shellQuote(resourceId)} --scalable-dimension ecs:service:DesiredCount ${awsOptions(x)}`.trim();
  if (!want) return { command: `aws application-autoscaling deregister-scalable-target ${common}\n${updateService(x, `--desired-count ${wantReplicas}`)}` };
  return {
    command: `aws application-autoscaling register-scalable-target ${common} --min-capacity ${want.min} --max-capacity ${want.max}`,
    ...(cpu !== undefined ? { note: `and a target-tracking policy on ECSServiceAverageCPUUtilization ${cpu} (aws application-autoscaling put-scaling-policy)` } : {}),
  };
}

/** The hint that changes side `x` to match side `y` for one difference. */
function hintFor(change: Change, x: HintSide, y: HintSide, side: 'left' | 'right'): Omit<Hint, 'changes'> {
  const other = side === 'left' ? 'right' : 'left';
  const container = (names?: { left: string; right: string }) => names?.[side] ?? '';
  switch (change.kind) {
    case 'image':
      if (!change[other]) break;
      return x.w.platform === 'kubernetes'
        ? { command: `${kubectl(x)} set image ${k8sTarget(x)} ${shellQuote(`${container(change.containers)}=${change[other]}`)}` }
        : { command: newRevision(x, `set containerDefinitions[${container(change.containers)}].image to ${change[other]}`) };
    case 'env':
      return envHint(x, container(change.containers), change.name, change[side], change[other]);
    case 'replicas':
      return x.w.platform === 'kubernetes' ? { command: `${kubectl(x)} scale ${k8sTarget(x)} --replicas=${change[other]}` } : { command: updateService(x, `--desired-count ${change[other]}`) };
    case 'autoscaling':
      return autoscalingHint(x, change[side], change[other], y.w.desired);
    case 'resources': {
      const want = change[other];
      if (want === undefined) break;
      if (x.w.platform === 'kubernetes' && change.which !== 'instance') {
        const flag = change.which === 'request' ? '--requests' : '--limits';
        return { command: `${kubectl(x)} set resources ${k8sTarget(x)} -c ${shellQuote(container(change.containers))} ${flag}=${change.resource}=${quantity(change.resource, want)}` };
      }
      if (x.w.platform === 'kubernetes') return { command: `${kubectl(x)} edit ${k8sTarget(x)}`, note: `set the containers' ${change.resource} requests to add up to ${quantity(change.resource, want)}` };
      const field = change.which === 'instance' ? `the task's ${change.resource}` : `containerDefinitions[${container(change.containers)}].${change.resource === 'cpu' ? 'cpu' : change.which === 'request' ? 'memoryReservation' : 'memory'}`;
      return { command: newRevision(x, `set ${field} to ${ecsUnits(change.resource, want)}`) };
    }
    case 'template':
      return x.w.platform === 'kubernetes'
        ? { command: `${kubectl(x)} edit ${k8sTarget(x)}`, note: `make ${change.what}${change.containers ? ` of container ${container(change.containers)}` : ''} match ${y.source.name}` }
        : { command: newRevision(x, `make ${change.what}${change.containers ? ` of containerDefinitions[${container(change.containers)}]` : ''} match ${y.source.name}`) };
    case 'workload':
      return x.w.platform === 'kubernetes'
        ? { command: `${kubectl(x)} edit ${k8sTarget(x)}`, note: `make ${change.what} match ${y.source.name}` }
        : { command: updateService(x, '--placement-strategy … --placement-constraints …'), note: `make ${change.what} match ${y.source.name}` };
  }
  return x.w.platform === 'kubernetes' ? { command: `${kubectl(x)} edit ${k8sTarget(x)}` } : { command: newRevision(x, 'make it match') };
}

/** Hints for both directions, or (over time) only the one that changes the live side back. */
export function hintsFor(change: Change, left: HintSide, right: HintSide, mode: 'sources' | 'time'): Hint[] {
  const out: Hint[] = [];
  if (mode === 'sources') out.push({ changes: 'left', ...hintFor(change, left, right, 'left') });
  out.push({ changes: 'right', ...hintFor(change, right, left, 'right') });
  return out;
}
