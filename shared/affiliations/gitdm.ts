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
import { addPeriod, checkDate, checkRange, type AffiliationTable } from './periods.js';

const LOGIN_LINE = /^([^\s:]+):(?:\s.*)?$/;
/** `Company`, optionally followed by ` from DATE` and/or ` until DATE`. */
const COMPANY_LINE = /^(.+?)(?:\s+from\s+(\S+))?(?:\s+until\s+(\S+))?\s*$/;

export function parseGitdmAffiliations(
  text: string,
  file: string,
  into: AffiliationTable = new Map(),
): AffiliationTable {
  let login: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    if (/^\s/.test(raw)) {
      if (!login)
        throw new GovernanceError('a company line comes before any "login: emails" line', { file, line });
      // `.` stops at a lone \r, \u2028 or \u2029 inside the line: such a line is malformed
      const match = COMPANY_LINE.exec(raw.trim());
      if (!match)
        throw new GovernanceError('expected a company, optionally "from DATE" and "until DATE"', {
          file,
          line,
        });
      const [, org, from, until] = match;
      const period = {
        org: org.trim(),
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
