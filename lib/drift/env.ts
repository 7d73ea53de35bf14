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

function whyNoValue(side: SideContext, variable: EnvVar): string {
  if (variable.from === 'config') {
    const why = side.uncovered.get('configs');
    return `${side.label}: config map ${variable.ref?.name ?? '?'} ${why ? `not readable (${why})` : `has no key ${variable.ref?.key ?? '?'} or does not exist`}`;
  }
  if (side.w.platform === 'ecs') {
    const why = side.uncovered.get(SECRET_VALUES_COVERAGE_KIND);
    return `${side.label}: secret values ${why ? `not readable (${why})` : 'not read (set PARALLAX_ECS_SECRET_HASHES=1 to compare them by keyed hash)'}`;
  }
  const why = side.uncovered.get('secrets');
  return `${side.label}: secret ${variable.ref?.name ?? '?'} ${why ? `not readable (${why})` : `has no key ${variable.ref?.key ?? '?'} or does not exist`}`;
}

function compareSecrets(col: Collector, ctx: CompareContext, container: string, names: ContainerNames, field: string, leftVar: EnvVar, rightVar: EnvVar): void {
  const [leftText, rightText] = [secretSourceText(leftVar), secretSourceText(rightVar)];
  // Both secret-backed: that much is equal; the value itself is then compared or said not to be.
  const values = { leftValue: leftText, rightValue: rightText };
  if (!leftVar.hash || !rightVar.hash) {
    col.skip(container, field, !leftVar.hash ? whyNoValue(ctx.left, leftVar) : whyNoValue(ctx.right, rightVar), values);
    return;
  }
  if (hashKeyId(leftVar.hash) !== hashKeyId(rightVar.hash)) {
    col.skip(container, field, 'secret values were hashed with different keys: set one PARALLAX_HASH_KEY for both runs', values);
    return;
  }
  if (leftVar.hash === rightVar.hash) {
    col.same(container, field, `${leftText} (same value)`, `${rightText} (same value)`);
    return;
  }
  col.diff({
    container, field, category: 'secret', leftValue: leftText, rightValue: rightText, message: `${leftVar.name}: the secret values differ (compared by keyed hash)`,
    change: { kind: 'env', containers: names, name: leftVar.name, left: leftVar, right: rightVar },
  });
}

export function compareEnv(col: Collector, ctx: CompareContext, leftContainer: Container, rightContainer: Container): void {
  const container = leftContainer.name === rightContainer.name ? leftContainer.name : `${leftContainer.name}/${rightContainer.name}`;
  const names = { left: leftContainer.name, right: rightContainer.name };
  const left = new Map(leftContainer.effectiveEnv.map((e) => [e.name, e]));
  const right = new Map(rightContainer.effectiveEnv.map((e) => [e.name, e]));
  const unread = { left: unreadSources(leftContainer), right: unreadSources(rightContainer) };
  const varNames = [...new Set([...left.keys(), ...right.keys()])].sort();
  for (const name of varNames) {
    const field = `env.${name}`;
    const leftVar = left.get(name);
    const rightVar = right.get(name);
    const change = { kind: 'env' as const, containers: names, name, left: leftVar, right: rightVar };
    if (!leftVar || !rightVar) {
      const present = (leftVar ?? rightVar)!;
      const missingOn = leftVar ? 'right' : 'left';
      const missingSide = ctx[missingOn];
      const values = { leftValue: envText(leftVar), rightValue: envText(rightVar) };
      if (unread[missingOn].length) {
        col.skip(container, field, `${missingSide.label} may set it through ${unread[missingOn].join(', ')}, which could not be read`, values);
      } else if (isDownward(present) && ctx.crossPlatform) {
        col.skip(container, field, `${envText(present)} is a Kubernetes downward API value: ECS has no counterpart`, values);
      } else {
        col.diff({
          container, field, category: present.from === 'secret' ? 'secret' : 'env', leftValue: envText(leftVar), rightValue: envText(rightVar),
          message: `${name} is set only on ${ctx[leftVar ? 'left' : 'right'].label}`, change,
        });
      }
      continue;
    }
    if (isPlain(leftVar) && isPlain(rightVar)) {
      if (leftVar.value === undefined || rightVar.value === undefined) col.skip(container, field, whyNoValue(leftVar.value === undefined ? ctx.left : ctx.right, leftVar.value === undefined ? leftVar : rightVar), { leftValue: envText(leftVar), rightValue: envText(rightVar) });
      else col.compare(leftVar.value === rightVar.value, container, field, envText(leftVar), envText(rightVar), () => ({ category: 'env', message: `${name} differs`, change }));
    } else if (leftVar.from === 'secret' && rightVar.from === 'secret') {
      compareSecrets(col, ctx, container, names, field, leftVar, rightVar);
    } else if (leftVar.from === 'secret' || rightVar.from === 'secret') {
      // Never show the plain side's value here: a plain variable where the other side keeps a secret may well hold one.
      col.diff({
        container, field, category: 'secret', leftValue: leftVar.from === 'secret' ? secretSourceText(leftVar) : 'plain value', rightValue: rightVar.from === 'secret' ? secretSourceText(rightVar) : 'plain value',
        message: `${name} comes from a secret on ${ctx[leftVar.from === 'secret' ? 'left' : 'right'].label} but is a plain value on ${ctx[leftVar.from === 'secret' ? 'right' : 'left'].label}`, change,
      });
    } else if (leftVar.from === 'unresolved' || rightVar.from === 'unresolved') {
      col.skip(container, field, `${ctx[leftVar.from === 'unresolved' ? 'left' : 'right'].label}: a reference Parallax does not resolve`, { leftValue: envText(leftVar), rightValue: envText(rightVar) });
    } else if (isDownward(leftVar) || isDownward(rightVar)) {
      if (ctx.crossPlatform) col.skip(container, field, 'a Kubernetes downward API value: ECS has no counterpart', { leftValue: envText(leftVar), rightValue: envText(rightVar) });
      else col.compare(leftVar.from === rightVar.from && leftVar.value === rightVar.value, container, field, envText(leftVar), envText(rightVar), () => ({ category: 'env', message: `${name} differs`, change }));
    }
  }
}
