/**
 * Organisation names as people write them: `Google LLC`, `Google`, `google, inc.` and
 * `Red Hat Inc.` must count as one organisation each, while a parent and its subsidiaries are
 * merged only when the configuration says so (`org-aliases`). Independent people are each an
 * organisation of their own: two independents do not form a company.
 */

/** Legal-form words dropped from the end of a name (after punctuation became spaces). */
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'l l c',
  'ltd',
  'limited',
  'gmbh',
  'corp',
  'corporation',
  'co',
  'ag',
  'sa',
  'bv',
  'nv',
  'plc',
  'pty',
  'pte',
  'srl',
  'spa',
  'sas',
  'kk',
  'oy',
  'ab',
  'aps',
  'llp',
  'lp',
]);
/** Longest legal suffix in words (`l l c`). */
const MAX_SUFFIX_WORDS = 3;

/**
 * The comparable form of an organisation name: lower case, accents and punctuation gone,
 * legal suffixes (Inc, LLC, GmbH, Ltd, Corp, ...) and a `.com` removed. Never empty for a
 * non-empty name: `Inc` alone stays `inc`.
 */
export function normaliseOrgName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // `Amazon.com, Inc.` and `Salesforce.com Inc.` are Amazon and Salesforce
    .replace(/\.com\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let stripped = true;
  while (stripped && words.length > 1) {
    stripped = false;
    for (let n = Math.min(MAX_SUFFIX_WORDS, words.length - 1); n >= 1; n--) {
      if (LEGAL_SUFFIXES.has(words.slice(-n).join(' '))) {
        words.splice(-n, n);
        stripped = true;
        break;
      }
    }
  }
  return words.join(' ');
}

export interface Organisation {
  /** comparable key; two people with the same key work for the same organisation */
  key: string;
  /** how the organisation is shown: the alias target, or the first spelling seen */
  name: string;
  /** true when this is an independent person (one organisation per person) */
  independent: boolean;
}

/** Longest alias chain followed (`A -> B -> C`); longer chains are configuration loops. */
const MAX_ALIAS_HOPS = 10;
const INDEPENDENT_KEY_PREFIX = 'independent:';

/** Resolves raw organisation names to organisations, with `org-aliases` and `independent`. */
export class OrgResolver {
  private readonly aliases = new Map<string, { key: string; name: string }>();
  private readonly independents: Set<string>;
  private readonly displayNames = new Map<string, string>();

  constructor(orgAliases: Record<string, string> = {}, independent: readonly string[] = []) {
    for (const [from, to] of Object.entries(orgAliases)) {
      this.aliases.set(normaliseOrgName(from), { key: normaliseOrgName(to), name: to });
    }
    this.independents = new Set(independent.map(normaliseOrgName));
  }

  /** The organisation `rawName` stands for, as seen for `login`. */
  resolve(rawName: string, login: string): Organisation {
    let key = normaliseOrgName(rawName);
    let name = rawName.trim();
    for (let hop = 0; hop < MAX_ALIAS_HOPS; hop++) {
      const alias = this.aliases.get(key);
      if (!alias || alias.key === key) {
        if (alias) name = alias.name;
        break;
      }
      key = alias.key;
      name = alias.name;
    }
    if (this.independents.has(key)) {
      return {
        key: `${INDEPENDENT_KEY_PREFIX}${login.toLowerCase()}`,
        name: `${name} (${login})`,
        independent: true,
      };
    }
    // The first spelling seen names the organisation in reports, unless an alias named it.
    const aliasNamed = this.aliases.has(normaliseOrgName(rawName));
    if (aliasNamed) this.displayNames.set(key, name);
    else if (!this.displayNames.has(key)) this.displayNames.set(key, name);
    return { key, name: this.displayNames.get(key)!, independent: false };
  }
}
