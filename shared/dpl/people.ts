/**
 * Who a projects.yaml contact is on GitHub. Votes and approvals are counted by login, so every
 * contact whose vote matters needs one: the entry's own `github:` key, else the `people-file`
 * entry for its email, else for its name (config `dpl.people-file`: a YAML map, email or name ->
 * login). A person holding several roles is one person (same email, else same name).
 */
import { isMap, isScalar } from 'yaml';
import { GovernanceError, nodeLocation, parseYamlDocument } from '../errors/governance-error.js';
import { personKey, type Person, type Team } from '../projects/projects-file.js';

/** email or name (lowercased) -> login */
export type PeopleMap = ReadonlyMap<string, string>;

export const NO_PEOPLE: PeopleMap = new Map();

export function parsePeopleFile(text: string, file: string): PeopleMap {
  const document = parseYamlDocument(text, file);
  const root = document.contents;
  const people = new Map<string, string>();
  if (root === null || (isScalar(root) && root.value === null)) return people;
  if (!isMap(root))
    throw new GovernanceError(
      'the people file must map emails or names to GitHub logins',
      nodeLocation(root, text, file),
    );
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof key !== 'string' || typeof value !== 'string' || !value.trim()) {
      throw new GovernanceError(
        'each entry maps an email or name to a GitHub login (a string)',
        nodeLocation(pair.key as never, text, file),
      );
    }
    people.set(key.trim().toLowerCase(), value.trim().replace(/^@/, ''));
  }
  return people;
}

export function loginOf(person: Person, people: PeopleMap): string | undefined {
  return (
    person.github ??
    people.get(person.email.trim().toLowerCase()) ??
    people.get(person.name.trim().toLowerCase())
  );
}

/** One person of a team, with every role they hold among the roles asked for. */
export interface TeamMember {
  key: string;
  name: string;
  login?: string;
  roles: string[];
  /** line of their first entry */
  line: number;
}

/** The distinct people holding any of `roles` in `team` (file order; one entry per person). */
export function membersInRoles(team: Team, roles: readonly string[], people: PeopleMap): TeamMember[] {
  const members = new Map<string, TeamMember>();
  for (const role of roles) {
    for (const person of team.liaisons[role] ?? []) {
      const key = personKey(person);
      const known = members.get(key);
      if (known) {
        if (!known.roles.includes(role)) known.roles.push(role);
        known.login ??= loginOf(person, people);
        continue;
      }
      members.set(key, {
        key,
        name: person.name,
        login: loginOf(person, people),
        roles: [role],
        line: person.line,
      });
    }
  }
  return [...members.values()];
}

/** Every liaison role written for the team (contacts only), in file order. */
export function liaisonRoles(team: Team): string[] {
  return Object.keys(team.liaisons);
}

export function sameLogin(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
