/**
 * What the VEP Freeze rule says about the real kubevirt/enhancements proposals (fixtures), with
 * KubeVirt's schedule configured and the real v1.8 and v1.10 schedules, each proposal judged as if
 * new (so any `implementable` one counts as becoming implementable) at `now`. With the defaults
 * the rule is off and flags nothing. `npx tsx test/unit/vep/kubevirt-freeze.ts` prints the counts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG, VEP_FREEZE_SCHEDULE } from '../../../shared/config/defaults.js';
import {
  judgeFreeze,
  proposalsBecomingImplementable,
  schedulePath,
  type ScheduleRead,
} from '../../../shared/vep/freeze.js';
import { compileLayout, proposalsTouched } from '../../../shared/vep/layout.js';
import { FIXTURE_ROOT } from './kubevirt-layout.js';

const SCHEDULES = 'test/fixtures/kubevirt-sig-release';
const REPO = 'kubevirt/sig-release';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function kubevirtFreezeFlags(now = '2026-11-30T00:00:00Z'): {
  proposals: number;
  implementable: string[];
  flagged: string[];
  flaggedWithDefaults: number;
} {
  const config = structuredClone(DEFAULT_CONFIG.vep);
  config.freeze.schedule = { ...VEP_FREEZE_SCHEDULE, repo: REPO };
  const layout = compileLayout(config.layout, config.ignore);
  const paths = walk(FIXTURE_ROOT).map((p) => relative(FIXTURE_ROOT, p).split('\\').join('/'));
  const refs = proposalsTouched(layout, paths);
  const documents: Record<string, string | null> = {};
  for (const r of refs) {
    try {
      documents[r.documentPath] = readFileSync(join(FIXTURE_ROOT, r.documentPath), 'utf8');
    } catch {
      documents[r.documentPath] = null;
    }
  }
  const becoming = proposalsBecomingImplementable(
    refs.map((r) => ({ proposal: r.dir, path: r.documentPath })),
    { documents, baseDocuments: {} },
  );
  const schedules: Record<string, ScheduleRead> = {};
  for (const release of ['v1.8', 'v1.10']) {
    const path = schedulePath(VEP_FREEZE_SCHEDULE.path, release);
    schedules[release] = {
      status: 'read',
      repo: REPO,
      path,
      text: readFileSync(join(SCHEDULES, path), 'utf8'),
    };
  }
  const facts = { now, timezone: 'UTC', schedules, exception: null };
  const judged = judgeFreeze(becoming, facts, config);
  const off = judgeFreeze(becoming, facts, DEFAULT_CONFIG.vep);
  return {
    proposals: refs.length,
    implementable: becoming.map((b) => b.proposal),
    flagged: [...new Set(judged.problems.map((p) => p.proposal ?? ''))],
    flaggedWithDefaults: off.problems.length,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(kubevirtFreezeFlags(), null, 2)}\n`);
}
