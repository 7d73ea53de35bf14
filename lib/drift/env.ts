// Environment as each container sees it (the model's effectiveEnv), variable by variable. Plain and
// config values compare by value; secret-backed variables by presence and kind, and by keyed hash
// where both values were readable with the same key, never by value. What could not be read is
// "not compared", never a difference.
import { SECRET_VALUES_COVERAGE_KIND, type Container, type EnvVar } from '@/lib/model';
import { hashKeyId } from '@/lib/secrets/hasher';
import type { Collector, CompareContext, ContainerNames, SideContext } from './collect';
import { envText, secretSourceText } from './values';

const isPlain = (e: EnvVar) => e.from === 'value' || e.from === 'config';
const isDownward = (e: EnvVar) => e.from === 'field' || e.from === 'resource';

/** Sources of variables that could not be read on a side: a missing variable might come from them. */
function unreadSources(c: Container): string[] {
  return c.envFrom.filter((s) => s.keys === undefined).map((s) => (s.from === 'file' ? `environment file ${s.name}` : `envFrom ${s.from === 'config' ? 'config map' : 'secret'} ${s.name}`));
}

function whyNoValue(side: SideContext, e: EnvVar): string {
  if (e.from === 'config') {
    const why = side.uncovered.get('configs');
    return `${side.label}: config map ${e.ref?.name ?? '?'} ${why ? `not readable (${why})` : `has no key ${e.ref?.key ?? '?'} or does not exist`}`;
  }
  if (side.w.platform === 'ecs') {
    const why = side.uncovered.get(SECRET_VALUES_COVERAGE_KIND);
    return `${side.label}: secret values ${why ? `not readable (${why})` : 'not read (set PARALLAX_ECS_SECRET_HASHES=1 to compare them by keyed hash)'}`;
  }
  const why = side.uncovered.get('secrets');
  return `${side.label}: secret ${e.ref?.name ?? '?'} ${why ? `not readable (${why})` : `has no key ${e.ref?.key ?? '?'} or does not exist`}`;
}

function compareSecrets(col: Collector, ctx: CompareContext, container: string, names: ContainerNames, field: string, a: EnvVar, b: EnvVar): void {
  const [la, lb] = [secretSourceText(a), secretSourceText(b)];
  // Both secret-backed: that much is equal; the value itself is then compared or said not to be.
  const values = { leftValue: la, rightValue: lb };
  if (!a.hash || !b.hash) {
    col.skip(container, field, !a.hash ? whyNoValue(ctx.left, a) : whyNoValue(ctx.right, b), values);
    return;
  }
  if (hashKeyId(a.hash) !== hashKeyId(b.hash)) {
    col.skip(container, field, 'secret values were hashed with different keys: set one PARALLAX_HASH_KEY for both runs', values);
    return;
  }
  if (a.hash === b.hash) {
    col.same(container, field, `${la} (same value)`, `${lb} (same value)`);
    return;
  }
  col.diff({
    container, field, category: 'secret', leftValue: la, rightValue: lb, message: `${a.name}: the secret values differ (compared by keyed hash)`,
    change: { kind: 'env', containers: names, name: a.name, left: a, right: b },
  });
}

export function compareEnv(col: Collector, ctx: CompareContext, lc: Container, rc: Container): void {
  const container = lc.name === rc.name ? lc.name : `${lc.name}/${rc.name}`;
  const names = { left: lc.name, right: rc.name };
  const left = new Map(lc.effectiveEnv.map((e) => [e.name, e]));
  const right = new Map(rc.effectiveEnv.map((e) => [e.name, e]));
  const unread = { left: unreadSources(lc), right: unreadSources(rc) };
  const varNames = [...new Set([...left.keys(), ...right.keys()])].sort();
  for (const name of varNames) {
    const field = `env.${name}`;
    const a = left.get(name);
    const b = right.get(name);
    const change = { kind: 'env' as const, containers: names, name, left: a, right: b };
    if (!a || !b) {
      const present = (a ?? b)!;
      const missingOn = a ? 'right' : 'left';
      const missingSide = ctx[missingOn];
      const values = { leftValue: envText(a), rightValue: envText(b) };
      if (unread[missingOn].length) {
        col.skip(container, field, `${missingSide.label} may set it through ${unread[missingOn].join(', ')}, which could not be read`, values);
      } else if (isDownward(present) && ctx.crossPlatform) {
        col.skip(container, field, `${envText(present)} is a Kubernetes downward API value: ECS has no counterpart`, values);
      } else {
        col.diff({
          container, field, category: present.from === 'secret' ? 'secret' : 'env', leftValue: envText(a), rightValue: envText(b),
          message: `${name} is set only on ${ctx[a ? 'left' : 'right'].label}`, change,
        });
      }
      continue;
    }
    if (isPlain(a) && isPlain(b)) {
      if (a.value === undefined || b.value === undefined) col.skip(container, field, whyNoValue(a.value === undefined ? ctx.left : ctx.right, a.value === undefined ? a : b), { leftValue: envText(a), rightValue: envText(b) });
      else col.compare(a.value === b.value, container, field, envText(a), envText(b), () => ({ category: 'env', message: `${name} differs`, change }));
    } else if (a.from === 'secret' && b.from === 'secret') {
      compareSecrets(col, ctx, container, names, field, a, b);
    } else if (a.from === 'secret' || b.from === 'secret') {
      // Never show the plain side's value here: a plain variable where the other side keeps a secret may well hold one.
      col.diff({
        container, field, category: 'secret', leftValue: a.from === 'secret' ? secretSourceText(a) : 'plain value', rightValue: b.from === 'secret' ? secretSourceText(b) : 'plain value',
        message: `${name} comes from a secret on ${ctx[a.from === 'secret' ? 'left' : 'right'].label} but is a plain value on ${ctx[a.from === 'secret' ? 'right' : 'left'].label}`, change,
      });
    } else if (a.from === 'unresolved' || b.from === 'unresolved') {
      col.skip(container, field, `${ctx[a.from === 'unresolved' ? 'left' : 'right'].label}: a reference Parallax does not resolve`, { leftValue: envText(a), rightValue: envText(b) });
    } else if (isDownward(a) || isDownward(b)) {
      if (ctx.crossPlatform) col.skip(container, field, 'a Kubernetes downward API value: ECS has no counterpart', { leftValue: envText(a), rightValue: envText(b) });
      else col.compare(a.from === b.from && a.value === b.value, container, field, envText(a), envText(b), () => ({ category: 'env', message: `${name} differs`, change }));
    }
  }
}
