import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, formatViolation, layoutTable } from './import-rules';

const root = path.join(__dirname, '..');

describe('import rules (docs/ARCHITECTURE.md, "Layout")', () => {
  it('no production file imports what the layout table forbids', () => {
    const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const violations = files.flatMap((f) => checkFile(f, readFileSync(path.join(root, f), 'utf8'))).map(formatViolation);
    expect(violations).toEqual([]);
  });

  it('catches the UI reaching an adapter, an adapter reaching a simulator or seeder, and the model importing anything', () => {
    const cases: [string, string, string][] = [
      ['components/x.tsx', "import { createKubeSource } from '@/lib/k8s/source';", 'components may not import lib/k8s'],
      ['app/api/x/route.ts', "import { readEcs } from '@/lib/ecs/read';", 'app may not import lib/ecs'],
      ['lib/k8s/x.ts', "import { startK8sSimulator } from '@/lib/sim/k8s';", 'lib/k8s may not import lib/sim'],
      ['lib/ecs/x.ts', "import {\n  seedEcs,\n} from '../seed';", 'lib/ecs may not import lib/seed'],
      ['lib/model/x.ts', "export { ago } from '@/lib/views/format';", 'lib/model may not import lib/views'],
      ['lib/views/x.ts', "import type { V1Pod } from '@kubernetes/client-node';", 'lib/views may not use the Kubernetes or AWS SDK'],
      ['lib/server/x.ts', "import { startSimulators } from '@/lib/demo/simulators';", 'lib/server may load lib/demo only with import()'],
    ];
    expect(checkFile('lib/newthing/x.ts', '')[0].rule).toContain('lib/newthing is not in the layout table');
    for (const [file, source, rule] of cases) {
      const found = checkFile(file, `// a file\n${source}\n`);
      expect(found, `${file}: ${source}`).toHaveLength(1);
      expect(found[0].rule).toContain(rule);
      expect(found[0].line).toBe(2);
    }
  });

  it('allows what the table allows: own folder, relative paths, lazy demo loading, packages, and test code', () => {
    expect(checkFile('lib/server/x.ts', "const demo = await import('@/lib/demo/simulators');")).toEqual([]);
    expect(checkFile('lib/server/x.ts', "import type { RunningSimulators } from '@/lib/demo/simulators';")).toEqual([]);
    expect(checkFile('lib/k8s/normalize/x.ts', "import { a } from '../state';\nimport { b } from '@/lib/model/units';")).toEqual([]);
    expect(checkFile('lib/k8s/x.ts', "import { KubeConfig } from '@kubernetes/client-node';")).toEqual([]);
    expect(checkFile('lib/k8s/x.test.ts', "import { startK8sSimulator } from '@/lib/sim/k8s';")).toEqual([]);
    expect(checkFile('lib/testing/x.ts', "import { seedEcs } from '@/lib/seed';")).toEqual([]);
  });

  it('the doc shows the table the check enforces', () => {
    const doc = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    expect(doc).toContain(layoutTable());
  });
});
