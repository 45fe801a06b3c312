/** The data the diversity rules work on: groups of people, each person with where they are written. */
import type { GovernanceError } from '../errors/governance-error.js';

export type SourceKind = 'owners' | 'sigs-yaml' | 'markdown-table' | 'projects-yaml';

export interface Member {
  login: string;
  /** where the person is named (for OWNERS aliases: the line naming the alias) */
  file: string;
  line: number;
  /** approvers, chairs, ptl, a liaison role, lead, ... (the first role the person holds) */
  role: string;
  /** a company written in the source itself; affiliation files take precedence */
  company?: string;
  /** the OWNERS_ALIASES alias the login came from */
  alias?: string;
}

export interface Group {
  /** OWNERS: directory ('.' for the root); sigs.yaml: sigs/<dir> ...; table: the group name; projects: teams/<name> */
  id: string;
  kind: SourceKind;
  file: string;
  line: number;
  members: Member[];
  /** OWNERS: aliases the file names, so alias changes can be traced to groups */
  aliasesUsed?: string[];
}

export interface GroupSet {
  groups: Group[];
  /** malformed inputs: each names its file and line */
  errors: GovernanceError[];
  /** things worth saying that are not violations (team references skipped, ...) */
  notes: string[];
}

/** Files by path; null = known absent (deleted on this side). */
export type FileView = ReadonlyMap<string, string | null>;

export function emptyGroupSet(): GroupSet {
  return { groups: [], errors: [], notes: [] };
}

/** Adds a person once, compared case-insensitively; the first role and line win. */
/** Lowercased logins of each members list, so adding stays linear in a group of thousands. */
const loginIndex = new WeakMap<Member[], { logins: Set<string>; length: number }>();

export function addMember(members: Member[], member: Member): void {
  let index = loginIndex.get(members);
  // rebuilt when the list was changed some other way than through addMember
  if (!index || index.length !== members.length) {
    index = { logins: new Set(members.map((m) => m.login.toLowerCase())), length: members.length };
    loginIndex.set(members, index);
  }
  const login = member.login.toLowerCase();
  if (index.logins.has(login)) return;
  index.logins.add(login);
  members.push(member);
  index.length = members.length;
}
