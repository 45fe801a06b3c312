/**
 * OpenStack `reference/projects.yaml` teams as groups (`teams/<team name>`): the PTL and the
 * liaisons (all roles, or the configured `roles`; `ptl` names the PTL). A person is known by
 * their `github` login when written, else their IRC nick, else their e-mail; OpenStack writes
 * no company, so affiliations come from the affiliation files.
 */
import { GovernanceError } from '../../errors/governance-error.js';
import { parseProjectsYaml, type Person } from '../../projects/projects-file.js';
import { addMember, emptyGroupSet, type Group, type GroupSet } from '../model.js';

const PTL_ROLE = 'ptl';

export function projectsYamlGroups(source: { path: string; roles?: string[] }, text: string): GroupSet {
  const file = source.path;
  const result = emptyGroupSet();
  const wanted = source.roles?.length ? new Set(source.roles) : undefined;
  const wants = (role: string) => !wanted || wanted.has(role);
  try {
    for (const team of parseProjectsYaml(text, file).teams) {
      const group: Group = {
        id: `teams/${team.name}`,
        kind: 'projects-yaml',
        file,
        line: team.line,
        members: [],
      };
      const add = (person: Person, role: string) => {
        const login = person.github || person.irc || person.email || person.name;
        addMember(group.members, { login, file, line: person.line, role });
      };
      if (team.ptl && wants(PTL_ROLE)) add(team.ptl, PTL_ROLE);
      for (const [role, people] of Object.entries(team.liaisons)) {
        if (wants(role)) for (const person of people) add(person, role);
      }
      result.groups.push(group);
    }
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    result.errors.push(error);
  }
  return result;
}
