import { describe, expect, it } from 'vitest';
import { parseCli, USAGE } from './args';

const fails = (argv: string[]) => {
  try {
    parseCli(argv);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`parsed: ${argv.join(' ')}`);
};

describe('parseCli', () => {
  it('reads drift with its defaults: table, fail on info, 120 s, 80 columns', () => {
    expect(parseCli(['drift'])).toEqual({
      command: 'drift', demo: false, sources: [], timeoutMs: 120_000, quiet: false,
      format: 'table', failOn: 'info', failOnOnlyOn: false, width: 80,
    });
  });

  it('reads every drift option', () => {
    expect(parseCli(['drift', '--format', 'json', '--fail-on', 'warning', '--source', 'k8s/a', '--source', 'ecs/p/r', '--demo',
      '--config', 'x.yaml', '--timeout', '2.5', '--width', '100', '--out', 'o.json', '-q', '--fail-on-only-on'])).toEqual({
      command: 'drift', demo: true, sources: ['k8s/a', 'ecs/p/r'], timeoutMs: 2_500, quiet: true, out: 'o.json',
      format: 'json', failOn: 'warning', failOnOnlyOn: true, width: 100, config: 'x.yaml',
    });
    expect(parseCli(['drift', '--against', 'snap.json', '--source', 'k8s/a'])).toMatchObject({ against: 'snap.json', sources: ['k8s/a'] });
  });

  it('reads snapshot, help and version', () => {
    expect(parseCli(['snapshot', '--out', 's.json', '--source', 'k8s/a'])).toEqual({ command: 'snapshot', demo: false, sources: ['k8s/a'], timeoutMs: 120_000, quiet: false, out: 's.json' });
    expect(parseCli([])).toEqual({ command: 'help' });
    expect(parseCli(['--help'])).toEqual({ command: 'help' });
    expect(parseCli(['drift', '-h'])).toEqual({ command: 'help', topic: 'drift' });
    expect(parseCli(['help', 'snapshot'])).toEqual({ command: 'help', topic: 'snapshot' });
    expect(parseCli(['--version'])).toEqual({ command: 'version' });
  });

  it('says in one line what is wrong, naming the help', () => {
    expect(fails(['drift', '--bogus'])).toBe('unknown option --bogus (parallax drift --help lists the options)');
    expect(fails(['snapshot', '--format', 'json'])).toBe('unknown option --format (parallax snapshot --help lists the options)');
    expect(fails(['drift', '--format'])).toBe('option --format needs a value (parallax drift --help lists the options)');
    expect(fails(['drift', '--demo=yes'])).toBe('option --demo takes no value (parallax drift --help lists the options)');
    expect(fails(['drift', '--format', 'yaml'])).toBe('--format must be table, json, markdown, not "yaml"');
    expect(fails(['drift', '--fail-on', 'error'])).toBe('--fail-on must be critical, warning, info, not "error"');
    expect(fails(['drift', '--timeout', 'soon'])).toBe('--timeout must be a number of at least 0.001, not "soon"');
    expect(fails(['drift', '--width', '40'])).toBe('--width must be a number of at least 60, not "40"');
    expect(fails(['drift', '--source', 'a'])).toBe('drift across sources compares two: give --source twice (--source A --source B), not 1 time');
    expect(fails(['drift', '--source', 'a', '--source', 'a'])).toBe('--source "a" is given twice');
    expect(fails(['drift', 'extra'])).toBe('unexpected argument "extra" (parallax drift --help lists the options)');
    expect(fails(['diff'])).toBe('unknown command "diff": the commands are snapshot and drift (parallax --help)');
    for (const m of ['--bogus', '--format', 'diff'].map((a) => fails(a.startsWith('-') ? ['drift', a] : [a]))) expect(m).not.toContain('\n');
  });

  it('documents the exit codes as kubectl diff does, not as Terraform', () => {
    expect(USAGE.drift).toContain('kubectl diff');
    expect(USAGE.drift).toContain('not Terraform');
    for (const text of Object.values(USAGE)) for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
