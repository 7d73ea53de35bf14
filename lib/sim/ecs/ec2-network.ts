// EC2 networking just deep enough for seeding and for addresses that agree with subnets:
// a default VPC (10.0.0.0/16) with one default /20 subnet per zone, a `default` security
// group, and Create/Describe for VPCs, subnets and security groups.
import { ec2Id } from './arns';
import { ApiError } from './errors';
import { globMatch, type QueryParams, type XmlValue } from './query';
import type { SimState } from './state';

export interface Vpc {
  id: string;
  cidr: string;
  isDefault: boolean;
  tags: { Key: string; Value: string }[];
}
export interface Subnet {
  id: string;
  vpcId: string;
  cidr: string;
  availabilityZone: string;
  defaultForAz: boolean;
  tags: { Key: string; Value: string }[];
}
export interface SecurityGroup {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  tags: { Key: string; Value: string }[];
}

/** Networking lives beside SimState (it is EC2's, not ECS's), one per state. */
export interface Network {
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  securityGroups: Map<string, SecurityGroup>;
}
const networks = new WeakMap<SimState, Network>();

export const ZONE_SUFFIXES = ['a', 'b', 'c'];

export function network(state: SimState): Network {
  let n = networks.get(state);
  if (n) return n;
  n = { vpcs: new Map(), subnets: new Map(), securityGroups: new Map() };
  const vpc: Vpc = { id: ec2Id('vpc'), cidr: '10.0.0.0/16', isDefault: true, tags: [] };
  n.vpcs.set(vpc.id, vpc);
  ZONE_SUFFIXES.forEach((s, i) => {
    const subnet: Subnet = { id: ec2Id('subnet'), vpcId: vpc.id, cidr: `10.0.${i * 16}.0/20`, availabilityZone: `${state.region}${s}`, defaultForAz: true, tags: [] };
    n?.subnets.set(subnet.id, subnet);
  });
  const sg: SecurityGroup = { id: ec2Id('sg'), name: 'default', description: 'default VPC security group', vpcId: vpc.id, tags: [] };
  n.securityGroups.set(sg.id, sg);
  networks.set(state, n);
  return n;
}

export function defaultSubnet(state: SimState, az: string): Subnet | undefined {
  return [...network(state).subnets.values()].find((s) => s.defaultForAz && s.availabilityZone === az);
}

const ipToInt = (ip: string): number => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const intToIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

function parseCidr(cidr: string): { base: number; size: number } | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr);
  if (!m?.[1] || !m[2]) return undefined;
  const bits = Number(m[2]);
  if (bits < 16 || bits > 28) return undefined;
  const size = 2 ** (32 - bits);
  return { base: ipToInt(m[1]) - (ipToInt(m[1]) % size), size };
}

/** Every private IP in use: EC2 instances and task ENIs. */
function usedIps(state: SimState): Set<string> {
  const used = new Set<string>();
  for (const i of state.ec2Instances.values()) used.add(i.privateIp);
  for (const t of state.tasks.values()) if (t.eni && t.lastStatus !== 'STOPPED') used.add(t.eni.privateIp);
  return used;
}

/**
 * A free address in the subnet's CIDR (AWS reserves the first four and the last of each
 * subnet); 10.0.x.y when the subnet is not one the simulator knows.
 */
export function allocateIp(state: SimState, subnetId: string | undefined): string {
  const subnet = subnetId ? network(state).subnets.get(subnetId) : undefined;
  const range = parseCidr(subnet?.cidr ?? '10.0.0.0/16') ?? { base: ipToInt('10.0.0.0'), size: 65536 };
  const used = usedIps(state);
  for (let tries = 0; tries < 10_000; tries++) {
    const ip = intToIp(range.base + 4 + Math.floor(Math.random() * (range.size - 5)));
    if (!used.has(ip)) return ip;
  }
  throw new ApiError('InsufficientFreeAddressesInSubnet', `No free addresses in ${subnetId ?? 'the default range'}`);
}

export function subnetZoneOf(state: SimState, subnetId: string): string | undefined {
  return network(state).subnets.get(subnetId)?.availabilityZone;
}

function tagsFrom(q: QueryParams, resourceType: string): { Key: string; Value: string }[] {
  const tags: { Key: string; Value: string }[] = [];
  for (const spec of q.structs('TagSpecification')) {
    if (spec.str('ResourceType') !== undefined && spec.str('ResourceType') !== resourceType) continue;
    for (const t of spec.structs('Tag')) tags.push({ Key: t.str('Key') ?? '', Value: t.str('Value') ?? '' });
  }
  return tags;
}

const tagSet = (tags: { Key: string; Value: string }[]): XmlValue => tags.map((t) => ({ key: t.Key, value: t.Value }));

/** Applies `Filter.N` with the given field readers; unknown filter names are rejected like EC2 does. */
function applyFilters<T>(items: T[], q: QueryParams, fields: Record<string, (x: T) => string | undefined>, tags: (x: T) => { Key: string; Value: string }[]): T[] {
  let out = items;
  for (const f of q.structs('Filter')) {
    const name = f.str('Name') ?? '';
    const values = f.list('Value');
    const any = (v: string | undefined): boolean => v !== undefined && values.some((p) => globMatch(p, v));
    const field = fields[name];
    if (field) out = out.filter((x) => any(field(x)));
    else if (name.startsWith('tag:')) out = out.filter((x) => tags(x).some((t) => t.Key === name.slice(4) && any(t.Value)));
    else if (name === 'tag-key') out = out.filter((x) => tags(x).some((t) => any(t.Key)));
    else throw new ApiError('InvalidParameterValue', `The filter '${name}' is invalid`);
  }
  return out;
}

type Handler = (state: SimState, q: QueryParams) => Record<string, XmlValue>;

const vpcXml = (state: SimState, v: Vpc): XmlValue => ({
  vpcId: v.id,
  ownerId: state.accountId,
  state: 'available',
  cidrBlock: v.cidr,
  cidrBlockAssociationSet: [{ associationId: `vpc-cidr-assoc-${v.id.slice(4)}`, cidrBlock: v.cidr, cidrBlockState: { state: 'associated' } }],
  dhcpOptionsId: 'dopt-0sim000000000000',
  instanceTenancy: 'default',
  isDefault: v.isDefault,
  tagSet: tagSet(v.tags),
});

const subnetXml = (state: SimState, s: Subnet): XmlValue => ({
  subnetId: s.id,
  subnetArn: `arn:aws:ec2:${state.region}:${state.accountId}:subnet/${s.id}`,
  state: 'available',
  vpcId: s.vpcId,
  cidrBlock: s.cidr,
  availableIpAddressCount: (parseCidr(s.cidr)?.size ?? 256) - 5,
  availabilityZone: s.availabilityZone,
  availabilityZoneId: `use1-az${ZONE_SUFFIXES.indexOf(s.availabilityZone.slice(-1)) + 1}`,
  defaultForAz: s.defaultForAz,
  mapPublicIpOnLaunch: s.defaultForAz,
  ownerId: state.accountId,
  tagSet: tagSet(s.tags),
});

const sgXml = (state: SimState, g: SecurityGroup): XmlValue => ({
  ownerId: state.accountId,
  groupId: g.id,
  groupName: g.name,
  groupDescription: g.description,
  vpcId: g.vpcId,
  ipPermissions: [],
  ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [], prefixListIds: [], groups: [] }],
  tagSet: tagSet(g.tags),
});

const describeVpcs: Handler = (state, q) => {
  const ids = q.list('VpcId');
  let all = [...network(state).vpcs.values()];
  if (ids.length > 0) {
    const missing = ids.filter((id) => !network(state).vpcs.has(id));
    if (missing.length > 0) throw new ApiError('InvalidVpcID.NotFound', `The vpc ID '${missing.join(', ')}' does not exist`);
    all = all.filter((v) => ids.includes(v.id));
  }
  all = applyFilters(all, q, { 'vpc-id': (v) => v.id, 'is-default': (v) => String(v.isDefault), 'cidr-block': (v) => v.cidr }, (v) => v.tags);
  return { vpcSet: all.map((v) => vpcXml(state, v)) };
};

const createVpc: Handler = (state, q) => {
  const cidr = q.reqStr('CidrBlock');
  if (!parseCidr(cidr)) throw new ApiError('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`);
  const vpc: Vpc = { id: ec2Id('vpc'), cidr, isDefault: false, tags: tagsFrom(q, 'vpc') };
  network(state).vpcs.set(vpc.id, vpc);
  return { vpc: vpcXml(state, vpc) };
};

const modifyVpcAttribute: Handler = (state, q) => {
  const id = q.reqStr('VpcId');
  if (!network(state).vpcs.has(id)) throw new ApiError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
  return { return: true };
};

const describeSubnets: Handler = (state, q) => {
  const ids = q.list('SubnetId');
  let all = [...network(state).subnets.values()];
  if (ids.length > 0) {
    const missing = ids.filter((id) => !network(state).subnets.has(id));
    if (missing.length > 0) throw new ApiError('InvalidSubnetID.NotFound', `The subnet ID '${missing.join(', ')}' does not exist`);
    all = all.filter((s) => ids.includes(s.id));
  }
  all = applyFilters(
    all,
    q,
    {
      'subnet-id': (s) => s.id,
      'vpc-id': (s) => s.vpcId,
      'availability-zone': (s) => s.availabilityZone,
      'default-for-az': (s) => String(s.defaultForAz),
      'cidr-block': (s) => s.cidr,
    },
    (s) => s.tags,
  );
  return { subnetSet: all.map((s) => subnetXml(state, s)) };
};

const createSubnet: Handler = (state, q) => {
  const vpcId = q.reqStr('VpcId');
  const vpc = network(state).vpcs.get(vpcId);
  if (!vpc) throw new ApiError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  const cidr = q.reqStr('CidrBlock');
  if (!parseCidr(cidr)) throw new ApiError('InvalidSubnet.Range', `The CIDR '${cidr}' is invalid.`);
  const az = q.str('AvailabilityZone') ?? `${state.region}a`;
  const subnet: Subnet = { id: ec2Id('subnet'), vpcId, cidr, availabilityZone: az, defaultForAz: false, tags: tagsFrom(q, 'subnet') };
  network(state).subnets.set(subnet.id, subnet);
  return { subnet: subnetXml(state, subnet) };
};

const describeSecurityGroups: Handler = (state, q) => {
  const ids = q.list('GroupId');
  const names = q.list('GroupName');
  let all = [...network(state).securityGroups.values()];
  if (ids.length > 0) all = all.filter((g) => ids.includes(g.id));
  if (names.length > 0) all = all.filter((g) => names.includes(g.name));
  if (ids.length > 0 && all.length < ids.length) throw new ApiError('InvalidGroup.NotFound', `The security group '${ids.join(', ')}' does not exist`);
  all = applyFilters(all, q, { 'group-id': (g) => g.id, 'group-name': (g) => g.name, 'vpc-id': (g) => g.vpcId, description: (g) => g.description }, (g) => g.tags);
  return { securityGroupInfo: all.map((g) => sgXml(state, g)) };
};

const createSecurityGroup: Handler = (state, q) => {
  const name = q.reqStr('GroupName');
  const description = q.reqStr('GroupDescription');
  const vpcId = q.str('VpcId') ?? [...network(state).vpcs.values()].find((v) => v.isDefault)?.id ?? '';
  if (!network(state).vpcs.has(vpcId)) throw new ApiError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  if ([...network(state).securityGroups.values()].some((g) => g.vpcId === vpcId && g.name === name)) {
    throw new ApiError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
  }
  const sg: SecurityGroup = { id: ec2Id('sg'), name, description, vpcId, tags: tagsFrom(q, 'security-group') };
  network(state).securityGroups.set(sg.id, sg);
  return { return: true, groupId: sg.id, securityGroupArn: `arn:aws:ec2:${state.region}:${state.accountId}:security-group/${sg.id}` };
};

export const NETWORK_HANDLERS: Record<string, Handler> = {
  DescribeVpcs: describeVpcs,
  CreateVpc: createVpc,
  ModifyVpcAttribute: modifyVpcAttribute,
  DescribeSubnets: describeSubnets,
  CreateSubnet: createSubnet,
  DescribeSecurityGroups: describeSecurityGroups,
  CreateSecurityGroup: createSecurityGroup,
};
