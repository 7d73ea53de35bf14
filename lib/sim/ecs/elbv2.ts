// Elastic Load Balancing v2 (AWS query protocol, Version=2015-12-01). Replies are
// `<OpResponse><OpResult>...</OpResult><ResponseMetadata><RequestId>` with PascalCase
// elements and lists as `<member>`. Target health is derived from the ECS services that
// name a target group: their RUNNING tasks are healthy targets.
import { listenerArn, loadBalancerArn, targetGroupArn, uuid } from './arns';
import { ApiError } from './errors';
import { QueryParams, iso, toXml, xmlDocument, xmlEscape, type XmlValue } from './query';
import type { LoadBalancer, SimState, TargetGroup } from './state';

export const ELB_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

type Handler = (state: SimState, q: QueryParams) => Record<string, XmlValue>;

function lbXml(state: SimState, lb: LoadBalancer): XmlValue {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: iso(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: 'active' },
    Type: lb.type,
    AvailabilityZones: lb.subnets.map((s, n) => ({ ZoneName: `${state.region}${'abc'[n % 3]}`, SubnetId: s })),
    SecurityGroups: lb.type === 'application' ? lb.securityGroups : undefined,
    IpAddressType: lb.ipAddressType,
  };
}

function tgXml(tg: TargetGroup): XmlValue {
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: tg.healthCheckProtocol,
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: tg.protocol.startsWith('HTTP') ? tg.healthCheckPath : undefined,
    Matcher: tg.protocol.startsWith('HTTP') ? { HttpCode: '200' } : undefined,
    LoadBalancerArns: tg.loadBalancerArns,
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocol.startsWith('HTTP') ? 'HTTP1' : undefined,
    IpAddressType: 'ipv4',
  };
}

/** Marker/PageSize paging (PageSize 1..400). */
function page<T>(all: T[], q: QueryParams): { items: T[]; next?: string } {
  const size = q.int('PageSize', 'ValidationError') ?? 400;
  if (size < 1 || size > 400) throw new ApiError('ValidationError', 'PageSize must be between 1 and 400');
  const marker = q.str('Marker');
  const offset = marker ? Number(Buffer.from(marker, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new ApiError('ValidationError', 'Invalid Marker');
  const next = offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64') : undefined;
  return { items: all.slice(offset, offset + size), next };
}

function elbTags(q: QueryParams): { key: string; value: string }[] {
  return q.structs('Tags').map((t) => ({ key: t.str('Key') ?? '', value: t.str('Value') ?? '' }));
}

const createLoadBalancer: Handler = (state, q) => {
  const name = q.reqStr('Name', 'ValidationError');
  if (!/^[A-Za-z0-9-]{1,32}$/.test(name)) throw new ApiError('ValidationError', `Load balancer name '${name}' is not valid`);
  const existing = [...state.loadBalancers.values()].find((l) => l.name === name);
  if (existing) return { LoadBalancers: [lbXml(state, existing)] };
  const type = q.str('Type') === 'network' ? 'network' : 'application';
  const arn = loadBalancerArn(state, type === 'network' ? 'net' : 'app', name);
  const lb: LoadBalancer = {
    arn,
    name,
    type,
    scheme: q.str('Scheme') ?? 'internet-facing',
    dnsName: `${name}-${Math.floor(Math.random() * 1e9)}.${state.region}.elb.amazonaws.com`,
    vpcId: 'vpc-0sim0000000000001',
    subnets: q.list('Subnets'),
    securityGroups: q.list('SecurityGroups'),
    createdAt: state.now(),
    ipAddressType: q.str('IpAddressType') ?? 'ipv4',
  };
  state.loadBalancers.set(arn, lb);
  state.tags.set(arn, elbTags(q));
  return { LoadBalancers: [lbXml(state, lb)] };
};

const describeLoadBalancers: Handler = (state, q) => {
  const arns = q.list('LoadBalancerArns');
  const names = q.list('Names');
  let all = [...state.loadBalancers.values()];
  if (arns.length > 0) all = all.filter((l) => arns.includes(l.arn));
  if (names.length > 0) all = all.filter((l) => names.includes(l.name));
  if (arns.length + names.length > 0 && all.length < arns.length + names.length) {
    throw new ApiError('LoadBalancerNotFound', 'One or more load balancers not found');
  }
  const p = page(all, q);
  return { LoadBalancers: p.items.map((l) => lbXml(state, l)), NextMarker: p.next };
};

const createTargetGroup: Handler = (state, q) => {
  const name = q.reqStr('Name', 'ValidationError');
  const existing = [...state.targetGroups.values()].find((t) => t.name === name);
  if (existing) return { TargetGroups: [tgXml(existing)] };
  const arn = targetGroupArn(state, name);
  const protocol = q.str('Protocol') ?? 'HTTP';
  const tg: TargetGroup = {
    arn,
    name,
    protocol,
    port: q.int('Port', 'ValidationError') ?? 80,
    vpcId: q.str('VpcId') ?? 'vpc-0sim0000000000001',
    targetType: q.str('TargetType') ?? 'instance',
    healthCheckPath: q.str('HealthCheckPath') ?? '/',
    healthCheckProtocol: q.str('HealthCheckProtocol') ?? protocol,
    loadBalancerArns: [],
  };
  state.targetGroups.set(arn, tg);
  state.tags.set(arn, elbTags(q));
  return { TargetGroups: [tgXml(tg)] };
};

const describeTargetGroups: Handler = (state, q) => {
  const arns = q.list('TargetGroupArns');
  const names = q.list('Names');
  const lbArn = q.str('LoadBalancerArn');
  let all = [...state.targetGroups.values()];
  if (arns.length > 0) all = all.filter((t) => arns.includes(t.arn));
  if (names.length > 0) all = all.filter((t) => names.includes(t.name));
  if (lbArn !== undefined) {
    if (!state.loadBalancers.has(lbArn)) throw new ApiError('LoadBalancerNotFound', 'One or more load balancers not found');
    all = all.filter((t) => t.loadBalancerArns.includes(lbArn));
  }
  if (arns.length + names.length > 0 && all.length < arns.length + names.length) {
    throw new ApiError('TargetGroupNotFound', 'One or more target groups not found');
  }
  const p = page(all, q);
  return { TargetGroups: p.items.map(tgXml), NextMarker: p.next };
};

const createListener: Handler = (state, q) => {
  const lbArn = q.reqStr('LoadBalancerArn', 'ValidationError');
  if (!state.loadBalancers.has(lbArn)) throw new ApiError('LoadBalancerNotFound', 'One or more load balancers not found');
  const action = q.structs('DefaultActions')[0];
  const tgArn = action?.str('TargetGroupArn');
  const tg = tgArn !== undefined ? state.targetGroups.get(tgArn) : undefined;
  if (tgArn !== undefined && !tg) throw new ApiError('TargetGroupNotFound', 'One or more target groups not found');
  if (tg && !tg.loadBalancerArns.includes(lbArn)) tg.loadBalancerArns.push(lbArn);
  const arn = listenerArn(state, lbArn);
  const listener = { arn, loadBalancerArn: lbArn, port: q.int('Port', 'ValidationError') ?? 80, protocol: q.str('Protocol') ?? 'HTTP', targetGroupArn: tgArn };
  state.listeners.set(arn, listener);
  return { Listeners: [listenerXml(listener)] };
};

function listenerXml(l: { arn: string; loadBalancerArn: string; port: number; protocol: string; targetGroupArn?: string }): XmlValue {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: l.targetGroupArn
      ? [{ Type: 'forward', TargetGroupArn: l.targetGroupArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: l.targetGroupArn, Weight: 1 }] } }]
      : [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } }],
  };
}

const describeListeners: Handler = (state, q) => {
  const lbArn = q.str('LoadBalancerArn');
  const arns = q.list('ListenerArns');
  if (lbArn === undefined && arns.length === 0) throw new ApiError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
  if (lbArn !== undefined && !state.loadBalancers.has(lbArn)) throw new ApiError('LoadBalancerNotFound', 'One or more load balancers not found');
  const all = [...state.listeners.values()].filter((l) => (lbArn === undefined || l.loadBalancerArn === lbArn) && (arns.length === 0 || arns.includes(l.arn)));
  if (arns.length > 0 && all.length < arns.length) throw new ApiError('ListenerNotFound', 'One or more listeners not found');
  const p = page(all, q);
  return { Listeners: p.items.map(listenerXml), NextMarker: p.next };
};

const describeTargetHealth: Handler = (state, q) => {
  const tgArn = q.reqStr('TargetGroupArn', 'ValidationError');
  const tg = state.targetGroups.get(tgArn);
  if (!tg) throw new ApiError('TargetGroupNotFound', `Target groups '${tgArn}' not found`);
  const out: XmlValue[] = [];
  for (const svc of state.services.values()) {
    for (const lb of svc.loadBalancers) {
      if (lb.targetGroupArn !== tgArn) continue;
      const containerName = typeof lb.containerName === 'string' ? lb.containerName : undefined;
      const containerPort = typeof lb.containerPort === 'number' ? lb.containerPort : tg.port;
      for (const t of state.tasks.values()) {
        if (t.clusterArn !== svc.clusterArn || t.serviceName !== svc.name || t.lastStatus === 'STOPPED') continue;
        let id: string | undefined;
        let port = containerPort;
        if (t.eni) id = t.eni.privateIp;
        else {
          const ci = t.containerInstanceArn ? state.containerInstances.get(t.containerInstanceArn) : undefined;
          const binding = t.containers.find((c) => containerName === undefined || c.name === containerName)?.networkBindings.find((b) => b.containerPort === containerPort);
          id = ci?.ec2InstanceId;
          port = binding?.hostPort ?? containerPort;
        }
        if (id === undefined) continue;
        const health =
          t.desiredStatus === 'STOPPED' ? { State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' }
          : t.lastStatus === 'RUNNING' ? { State: 'healthy' }
          : { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' };
        out.push({ Target: { Id: id, Port: port, AvailabilityZone: t.eni ? t.availabilityZone : undefined }, HealthCheckPort: String(port), TargetHealth: health });
      }
    }
  }
  // With Targets given, only those; one nothing registers shows as `unused`.
  const asked = q.structs('Targets').map((t) => ({ id: t.str('Id') ?? '', port: t.int('Port', 'ValidationError') }));
  if (asked.length === 0) return { TargetHealthDescriptions: out };
  const idOf = (d: XmlValue): { id?: XmlValue; port?: XmlValue } => {
    const target = d && typeof d === 'object' && !Array.isArray(d) ? d.Target : undefined;
    return target && typeof target === 'object' && !Array.isArray(target) ? { id: target.Id, port: target.Port } : {};
  };
  return {
    TargetHealthDescriptions: asked.map((a) => {
      const hit = out.find((d) => idOf(d).id === a.id && (a.port === undefined || idOf(d).port === a.port));
      return hit ?? { Target: { Id: a.id, Port: a.port ?? tg.port }, TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' } };
    }),
  };
};

const describeTags: Handler = (state, q) => ({
  TagDescriptions: q.list('ResourceArns').map((arn) => ({
    ResourceArn: arn,
    Tags: state.tagsOf(arn).map((t) => ({ Key: t.key, Value: t.value ?? '' })),
  })),
});

export const ELB_HANDLERS: Record<string, Handler> = {
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  CreateTargetGroup: createTargetGroup,
  DescribeTargetGroups: describeTargetGroups,
  CreateListener: createListener,
  DescribeListeners: describeListeners,
  DescribeTargetHealth: describeTargetHealth,
  DescribeTags: describeTags,
};

export function elbReply(action: string, body: Record<string, XmlValue>): string {
  const result = Object.entries(body).map(([k, v]) => toXml(k, v, 'member')).join('');
  const inner = `<${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${uuid()}</RequestId></ResponseMetadata>`;
  return xmlDocument(`${action}Response`, ELB_NS, inner);
}

export function elbError(code: string, message: string, status: number): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${ELB_NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${uuid()}</RequestId></ErrorResponse>`;
}
