// EC2 (EC2 query protocol, Version=2016-11-15): RunInstances, DescribeInstances,
// TerminateInstances, DescribeAvailabilityZones; networking in ec2-network.ts. Replies are
// XML in the 2016-11-15 namespace with lowerCamel element names and lists as `<xSet><item>`;
// errors are `<Response><Errors><Error>` with `RequestID` (capital D, unlike ELBv2).
import { ec2Id, uuid } from './arns';
import { ApiError } from './errors';
import { QueryParams, globMatch, iso, toXml, xmlDocument, xmlEscape, type XmlValue } from './query';
import { requestStop } from './placement';
import { NETWORK_HANDLERS, ZONE_SUFFIXES, allocateIp, defaultSubnet, network } from './ec2-network';
import type { Ec2Instance, SimState } from './state';

export const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

type Handler = (state: SimState, q: QueryParams) => Record<string, XmlValue>;

function instanceXml(i: Ec2Instance): XmlValue {
  return {
    instanceId: i.id,
    imageId: i.imageId,
    instanceState: { code: i.state.code, name: i.state.name },
    privateDnsName: `ip-${i.privateIp.replaceAll('.', '-')}.ec2.internal`,
    dnsName: '',
    reason: '',
    amiLaunchIndex: 0,
    productCodes: [],
    instanceType: i.instanceType,
    launchTime: iso(i.launchTime),
    placement: { availabilityZone: i.availabilityZone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: i.subnetId,
    vpcId: i.vpcId,
    privateIpAddress: i.privateIp,
    sourceDestCheck: true,
    groupSet: [],
    architecture: i.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: [],
    virtualizationType: 'hvm',
    clientToken: '',
    tagSet: i.tags.map((t) => ({ key: t.Key, value: t.Value })),
    hypervisor: 'xen',
    ebsOptimized: false,
    enaSupport: true,
  };
}

const runInstances: Handler = (state, q) => {
  const imageId = q.reqStr('ImageId');
  const type = q.str('InstanceType') ?? 'm1.small';
  const min = q.int('MinCount') ?? 1;
  const max = q.int('MaxCount') ?? min;
  if (min < 1 || max < min) throw new ApiError('InvalidParameterValue', 'MinCount must be >= 1 and MaxCount >= MinCount');
  const zones = ZONE_SUFFIXES.map((s) => `${state.region}${s}`);
  const subnetId = q.str('SubnetId');
  const subnet = subnetId !== undefined ? network(state).subnets.get(subnetId) : undefined;
  if (subnetId !== undefined && !subnet) throw new ApiError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
  const az = subnet?.availabilityZone ?? q.str('Placement.AvailabilityZone');
  if (az !== undefined && !zones.includes(az)) throw new ApiError('InvalidParameterValue', `Invalid availability zone: [${az}]`);
  const tags: { Key: string; Value: string }[] = [];
  for (const spec of q.structs('TagSpecification')) {
    const rt = spec.str('ResourceType');
    if (rt !== undefined && rt !== 'instance') continue;
    for (const t of spec.structs('Tag')) tags.push({ Key: t.str('Key') ?? '', Value: t.str('Value') ?? '' });
  }
  const reservationId = ec2Id('r');
  const made: Ec2Instance[] = [];
  for (let n = 0; n < max; n++) {
    const zone = az ?? zones[(state.ec2Instances.size + n) % zones.length] ?? `${state.region}a`;
    made.push(launchInstance(state, { reservationId, imageId, instanceType: type, availabilityZone: zone, subnetId: subnet?.id, tags }));
  }
  return { reservationId, ownerId: state.accountId, groupSet: [], instancesSet: made.map(instanceXml) };
};

export interface LaunchSpec {
  id?: string;
  reservationId?: string;
  imageId: string;
  instanceType: string;
  availabilityZone: string;
  subnetId?: string;
  privateIp?: string;
  tags?: { Key: string; Value: string }[];
}

/** Adds a running instance (the simulator skips `pending`, code 0: instances are usable at once). */
export function launchInstance(state: SimState, spec: LaunchSpec): Ec2Instance {
  const home = (spec.subnetId ? network(state).subnets.get(spec.subnetId) : undefined) ?? defaultSubnet(state, spec.availabilityZone);
  const inst: Ec2Instance = {
    id: spec.id ?? ec2Id('i'),
    reservationId: spec.reservationId ?? ec2Id('r'),
    imageId: spec.imageId,
    instanceType: spec.instanceType,
    availabilityZone: spec.availabilityZone,
    privateIp: spec.privateIp ?? allocateIp(state, home?.id),
    subnetId: home?.id ?? 'subnet-0sim0000000000000',
    vpcId: home?.vpcId ?? 'vpc-0sim0000000000000',
    launchTime: state.now(),
    state: { code: 16, name: 'running' },
    tags: spec.tags ?? [],
    architecture: /^(a1|[a-z]\dg)/.test(spec.instanceType) ? 'arm64' : 'x86_64',
  };
  state.ec2Instances.set(inst.id, inst);
  return inst;
}

function filterMatches(i: Ec2Instance, name: string, values: string[]): boolean {
  const any = (v: string | undefined): boolean => v !== undefined && values.some((pat) => globMatch(pat, v));
  if (name === 'instance-id') return any(i.id);
  if (name === 'instance-type') return any(i.instanceType);
  if (name === 'availability-zone') return any(i.availabilityZone);
  if (name === 'instance-state-name') return any(i.state.name);
  if (name === 'instance-state-code') return any(String(i.state.code));
  if (name === 'private-ip-address') return any(i.privateIp);
  if (name === 'vpc-id') return any(i.vpcId);
  if (name === 'subnet-id') return any(i.subnetId);
  if (name === 'image-id') return any(i.imageId);
  if (name === 'reservation-id') return any(i.reservationId);
  if (name === 'tag-key') return i.tags.some((t) => any(t.Key));
  if (name.startsWith('tag:')) return i.tags.some((t) => t.Key === name.slice(4) && any(t.Value));
  throw new ApiError('InvalidParameterValue', `The filter '${name}' is invalid`);
}

const describeInstances: Handler = (state, q) => {
  const ids = q.list('InstanceId');
  const maxResults = q.int('MaxResults');
  if (maxResults !== undefined && ids.length > 0) {
    throw new ApiError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
    throw new ApiError('InvalidParameterValue', `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value greater than 5.`);
  }
  for (const id of ids) if (!/^i-[0-9a-f]{8,17}$/.test(id)) throw new ApiError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  const missing = ids.filter((id) => !state.ec2Instances.has(id));
  if (missing.length === 1) throw new ApiError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1) throw new ApiError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  const filters = q.structs('Filter').map((f) => ({ name: f.str('Name') ?? '', values: f.list('Value') }));
  let all = [...state.ec2Instances.values()].filter((i) => ids.length === 0 || ids.includes(i.id));
  for (const f of filters) all = all.filter((i) => filterMatches(i, f.name, f.values));
  let offset = 0;
  const token = q.str('NextToken');
  if (token) {
    const n = Number(Buffer.from(token, 'base64').toString('utf8'));
    if (!Number.isInteger(n) || n < 0) throw new ApiError('InvalidParameterValue', 'Invalid value for NextToken');
    offset = n;
  }
  const size = maxResults ?? all.length;
  const page = all.slice(offset, offset + size);
  const next = offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64') : undefined;
  // Instances launched together share a reservation; a page keeps that grouping.
  const byReservation = new Map<string, Ec2Instance[]>();
  for (const i of page) byReservation.set(i.reservationId, [...(byReservation.get(i.reservationId) ?? []), i]);
  const reservationSet = [...byReservation].map(([rid, list]) => ({
    reservationId: rid,
    ownerId: state.accountId,
    groupSet: [],
    instancesSet: list.map(instanceXml),
  }));
  return { reservationSet, nextToken: next };
};

const terminateInstances: Handler = (state, q) => {
  const ids = q.list('InstanceId');
  const missing = ids.filter((id) => !state.ec2Instances.has(id));
  if (missing.length > 0) throw new ApiError('InvalidInstanceID.NotFound', `The instance ID '${missing.join(', ')}' does not exist`);
  const instancesSet: XmlValue[] = [];
  for (const id of ids) {
    const i = state.ec2Instances.get(id);
    if (!i) continue;
    const prev = i.state;
    i.state = { code: 48, name: 'terminated' };
    // ECS notices: the container instance goes INACTIVE and its tasks stop; services replace them.
    for (const ci of state.containerInstances.values()) {
      if (ci.ec2InstanceId !== id || ci.status === 'INACTIVE') continue;
      ci.status = 'INACTIVE';
      ci.agentConnected = false;
      ci.version++;
      for (const t of state.tasks.values()) {
        if (t.containerInstanceArn === ci.arn) requestStop(state, t, `Host EC2 (instance ${id}) terminated.`, 'TerminationNotice');
      }
    }
    instancesSet.push({ instanceId: id, currentState: i.state, previousState: prev });
  }
  return { instancesSet };
};

const describeAvailabilityZones: Handler = (state) => ({
  availabilityZoneInfo: ZONE_SUFFIXES.map((s, n) => ({
    zoneName: `${state.region}${s}`,
    zoneState: 'available',
    regionName: state.region,
    zoneId: `use1-az${n + 1}`,
    zoneType: 'availability-zone',
  })),
});

export const EC2_HANDLERS: Record<string, Handler> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  DescribeAvailabilityZones: describeAvailabilityZones,
  ...NETWORK_HANDLERS,
};

export function ec2Reply(action: string, body: Record<string, XmlValue>): string {
  const inner = [`<requestId>${uuid()}</requestId>`, ...Object.entries(body).map(([k, v]) => toXml(k, v, 'item'))].join('');
  return xmlDocument(`${action}Response`, EC2_NS, inner);
}

export function ec2Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>${uuid()}</RequestID></Response>`;
}
