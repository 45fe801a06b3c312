/**
 * A YAML affiliation map kept by a project itself:
 *
 *   ann: Google                       # always Google
 *   ben:
 *     - {org: Red Hat, until: 2024-01-01}
 *     - {org: Microsoft, from: 2024-01-01}
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { GovernanceError, nodeLocation, parseYamlDocument } from '../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../errors/input-limits.js';
import {
  addPeriod,
  checkDate,
  checkRange,
  type AffiliationPeriod,
  type AffiliationTable,
} from './periods.js';

const PERIOD_KEYS = new Set(['org', 'from', 'until']);

export function parseAffiliationsYaml(
  text: string,
  file: string,
  into: AffiliationTable = new Map(),
): AffiliationTable {
  checkInputSize(text, file, INPUT_LIMITS.affiliationsYaml, 'an affiliation map');
  const document = parseYamlDocument(text, file);
  const root = document.contents as Node | null;
  const where = (node: Node | null | undefined, keyPath?: string) => nodeLocation(node, text, file, keyPath);
  const lineOf = (node: Node | null | undefined) => where(node).line ?? 1;
  if (root === null || (isScalar(root) && root.value === null)) return into;
  if (!isMap(root))
    throw new GovernanceError('an affiliation map must map logins to organisations', where(root));

  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const value = pair.value as Node | null;
    const login = isScalar(keyNode) ? String(keyNode.value ?? '') : '';
    if (!login) throw new GovernanceError('a login must be a plain string', where(keyNode));
    const scalarOrg = (node: Node | null, keyPath: string): string => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) {
        throw new GovernanceError('must be an organisation name', where(node ?? keyNode, keyPath));
      }
      return node.value.trim();
    };
    if (isSeq(value)) {
      value.items.forEach((item, index) => {
        const keyPath = `${login}[${index}]`;
        const node = item as Node;
        if (isScalar(node)) {
          addPeriod(into, login, { org: scalarOrg(node, keyPath), file, line: lineOf(node) });
          return;
        }
        if (!isMap(node)) throw new GovernanceError('must be {org, from?, until?}', where(node, keyPath));
        const period: AffiliationPeriod = { org: '', file, line: lineOf(node) };
        for (const field of node.items) {
          const k = isScalar(field.key) ? String(field.key.value) : '';
          const v = field.value as Node | null;
          if (!PERIOD_KEYS.has(k))
            throw new GovernanceError(
              `unknown key "${k}" (use org, from, until)`,
              where(field.key as Node, keyPath),
            );
          const text = scalarOrg(v, `${keyPath}.${k}`);
          if (k === 'org') period.org = text;
          else period[k as 'from' | 'until'] = checkDate(text, file, lineOf(v), k);
        }
        if (!period.org) throw new GovernanceError('is missing the required key "org"', where(node, keyPath));
        checkRange(period);
        addPeriod(into, login, period);
      });
    } else {
      addPeriod(into, login, { org: scalarOrg(value, login), file, line: lineOf(value ?? keyNode) });
    }
  }
  return into;
}
