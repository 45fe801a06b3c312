/**
 * cncf/gitdm `developers_affiliations*.txt`:
 *
 *   # comment
 *   login: email!example.com, other!example.org
 *   <TAB>Company
 *   <TAB>Company until 2015-09-25
 *   <TAB>Company from 2015-09-25 until 2019-01-01
 *   <TAB>Company from 2019-01-01
 *
 * A login may have several blocks (in one file or across files); their periods are merged.
 * E-mail addresses are not kept: only logins matter here.
 */
import { GovernanceError } from '../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../errors/input-limits.js';
import { addPeriod, checkDate, checkRange, type AffiliationTable } from './periods.js';

const LOGIN_LINE = /^([^\s:]+):(?:\s.*)?$/;
/** Characters a regular expression's `.` stops at: a line holding one is malformed. */
const LINE_BREAK_INSIDE = /[\r\u2028\u2029]/;
const WHITESPACE = /\s/;

/** The text before the last whitespace-separated word of `text` (already trimmed), and that word. */
function splitLastWord(text: string): { rest: string; word: string } {
  let i = text.length;
  while (i > 0 && !WHITESPACE.test(text[i - 1]!)) i--;
  return { rest: text.slice(0, i).trimEnd(), word: text.slice(i) };
}

/**
 * `Company`, optionally followed by ` from DATE` and/or ` until DATE`, read from the end of the
 * line in one pass (a lazy regular expression here was quadratic in a line of spaces).
 */
function readCompanyLine(text: string): { org: string; from?: string; until?: string } | null {
  if (LINE_BREAK_INSIDE.test(text)) return null;
  let org = text;
  const take = (keyword: string): string | undefined => {
    const date = splitLastWord(org);
    const before = splitLastWord(date.rest);
    if (before.word !== keyword || before.rest === '') return undefined;
    org = before.rest;
    return date.word;
  };
  const until = take('until');
  const from = take('from');
  return { org, ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}) };
}

export function parseGitdmAffiliations(
  text: string,
  file: string,
  into: AffiliationTable = new Map(),
): AffiliationTable {
  checkInputSize(text, file, INPUT_LIMITS.gitdm, 'a gitdm affiliations file');
  let login: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    if (/^\s/.test(raw)) {
      if (!login)
        throw new GovernanceError('a company line comes before any "login: emails" line', { file, line });
      const match = readCompanyLine(raw.trim());
      if (!match)
        throw new GovernanceError('expected a company, optionally "from DATE" and "until DATE"', {
          file,
          line,
        });
      const { org, from, until } = match;
      const period = {
        org,
        file,
        line,
        ...(from !== undefined ? { from: checkDate(from, file, line, 'from') } : {}),
        ...(until !== undefined ? { until: checkDate(until, file, line, 'until') } : {}),
      };
      checkRange(period);
      addPeriod(into, login, period);
      continue;
    }
    const match = LOGIN_LINE.exec(raw);
    if (!match)
      throw new GovernanceError('expected "login: emails" or a tab-indented company line', { file, line });
    // gitdm marks people with conflicting e-mail affiliations with a trailing `*`.
    login = match[1].replace(/\*+$/, '');
  }
  return into;
}
