/**
 * OpenStack's `reference/projects.yaml` (openstack/governance), read with the line of every team
 * and person so problems can be annotated where they are written.
 *
 * The format (openstack_governance/schemas/projects.yaml): a mapping of team name to
 *   leadership_type: ptl | distributed
 *   ptl: {name, irc, email, appointed?}                  (ptl teams)
 *   liaisons: {<role>: [{name, irc, email}, ...], tc_members: [names]}
 *   mission, url, deliverables, irc-channel, service, extra-acs, ...  (not read here)
 * A contact may carry a `github:` login (this project's extension): votes on GitHub are counted
 * by login. `tc_members` is a list of names, not contacts, so it is not a liaison role here.
 *
 * Pure: text in, teams out; the first structural problem throws a GovernanceError with file and line.
 * Rules about which roles a team must have live with their users (dpl/validate.ts), not here.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { GovernanceError, joinKeyPath, nodeLocation, parseYamlDocument } from '../errors/governance-error.js';
import { INPUT_LIMITS, checkInputSize } from '../errors/input-limits.js';

export const LEADERSHIP_TYPES = ['ptl', 'distributed'] as const;
export type LeadershipType = (typeof LEADERSHIP_TYPES)[number];

/** `liaisons` keys that are not lists of contacts. */
const NON_CONTACT_LIAISON_KEYS = new Set(['tc_members']);

export interface Person {
  name: string;
  irc: string | null;
  email: string;
  /** GitHub login written in the entry itself (`github:`), when present. */
  github?: string;
  /** 1-based line where the entry starts (`- name: ...` or the first key under `ptl:`). */
  line: number;
}

export interface Team {
  name: string;
  /** line of the team's key */
  line: number;
  leadershipType: LeadershipType;
  /** line of `leadership_type:` */
  leadershipTypeLine: number;
  ptl?: Person;
  /** role -> contacts, in file order; a role written with an empty or null list maps to [] */
  liaisons: Record<string, Person[]>;
  /** role -> line of the role's key (`release:`), for annotating a role that must go */
  liaisonLines: Record<string, number>;
}

export interface ProjectsFile {
  teams: Team[];
}

interface Reader {
  file: string;
  source: string;
  document: Document;
}

export function parseProjectsYaml(text: string, file: string): ProjectsFile {
  checkInputSize(text, file, INPUT_LIMITS.projectsYaml, 'a projects file');
  const document = parseYamlDocument(text, file);
  const reader: Reader = { file, source: text, document };
  const root = document.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { teams: [] };
  if (!isMap(root))
    fail(reader, root, undefined, 'the projects file must be a mapping of team names to teams');
  return {
    teams: pairs(reader, root).map(({ key, keyNode, value }) => readTeam(reader, key, keyNode, value)),
  };
}

/** The team called `name`, compared as written (team names are keys: `Release Management`). */
export function findTeam(projects: ProjectsFile, name: string): Team | undefined {
  return projects.teams.find((t) => t.name === name);
}

/** A person is the same person across roles when their email (else name) matches. */
export function personKey(person: Pick<Person, 'email' | 'name'>): string {
  return (person.email || person.name).trim().toLowerCase();
}

function readTeam(reader: Reader, name: string, keyNode: Node, value: Node | null): Team {
  const path = joinKeyPath(undefined, name);
  if (!isMap(value)) fail(reader, value ?? keyNode, path, `team ${name} must be a mapping`);
  const fields = new Map(pairs(reader, value).map((p) => [p.key, p]));

  const typePair = fields.get('leadership_type');
  if (!typePair) fail(reader, keyNode, path, `team ${name} has no leadership_type (ptl or distributed)`);
  const leadershipType = scalarString(typePair.value);
  if (!(LEADERSHIP_TYPES as readonly string[]).includes(leadershipType ?? '')) {
    fail(
      reader,
      typePair.value ?? typePair.keyNode,
      joinKeyPath(path, 'leadership_type'),
      'leadership_type must be ptl or distributed',
    );
  }

  const team: Team = {
    name,
    line: lineOf(reader, keyNode),
    leadershipType: leadershipType as LeadershipType,
    leadershipTypeLine: lineOf(reader, typePair.keyNode),
    liaisons: {},
    liaisonLines: {},
  };

  const ptlPair = fields.get('ptl');
  if (ptlPair && !isNull(ptlPair.value))
    team.ptl = readPerson(reader, ptlPair.value, joinKeyPath(path, 'ptl'));

  const liaisonsPair = fields.get('liaisons');
  if (liaisonsPair && !isNull(liaisonsPair.value)) {
    const liaisonsPath = joinKeyPath(path, 'liaisons');
    if (!isMap(liaisonsPair.value))
      fail(reader, liaisonsPair.value, liaisonsPath, 'liaisons must be a mapping of role to contacts');
    for (const role of pairs(reader, liaisonsPair.value)) {
      if (NON_CONTACT_LIAISON_KEYS.has(role.key)) continue;
      const rolePath = joinKeyPath(liaisonsPath, role.key);
      team.liaisonLines[role.key] = lineOf(reader, role.keyNode);
      team.liaisons[role.key] = readContacts(reader, role.value, rolePath);
    }
  }
  return team;
}

function readContacts(reader: Reader, node: Node | null, path: string): Person[] {
  if (isNull(node)) return [];
  if (!isSeq(node)) fail(reader, node, path, 'a liaison role must be a list of contacts');
  return node.items.map((item, index) => readPerson(reader, item as Node | null, joinKeyPath(path, index)));
}

function readPerson(reader: Reader, node: Node | null, path: string): Person {
  if (!isMap(node)) fail(reader, node, path, 'a contact must be a mapping with name, irc and email');
  const fields = new Map(pairs(reader, node).map((p) => [p.key, p]));
  const text = (key: string, required: boolean): string | undefined => {
    const pair = fields.get(key);
    if (!pair || isNull(pair.value)) {
      if (required) fail(reader, node, path, `a contact needs ${key}`);
      return undefined;
    }
    const value = scalarString(pair.value);
    if (value === undefined) fail(reader, pair.value, joinKeyPath(path, key), `${key} must be a string`);
    return value;
  };
  const person: Person = {
    name: text('name', true) as string,
    irc: text('irc', false) ?? null,
    email: text('email', true) as string,
    line: lineOf(reader, node),
  };
  const github = text('github', false)?.trim().replace(/^@/, '');
  if (github) person.github = github;
  return person;
}

interface Pair {
  key: string;
  keyNode: Node;
  value: Node | null;
}

function pairs(reader: Reader, map: YAMLMap): Pair[] {
  return map.items.map((pair) => {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      fail(reader, keyNode ?? map, undefined, 'mapping keys must be plain strings');
    }
    return {
      key: String(keyNode.source ?? keyNode.value),
      keyNode,
      value: (pair.value ?? null) as Node | null,
    };
  });
}

/** A scalar's text as written (`2023.1` unquoted stays "2023.1"); undefined for non-scalars. */
function scalarString(node: Node | null): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

function isNull(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function lineOf(reader: Reader, node: Node | null): number {
  return nodeLocation(node ?? undefined, reader.source, reader.file).line ?? 1;
}

function fail(
  reader: Reader,
  node: Node | null | undefined,
  keyPath: string | undefined,
  message: string,
): never {
  throw new GovernanceError(message, nodeLocation(node ?? undefined, reader.source, reader.file, keyPath));
}
