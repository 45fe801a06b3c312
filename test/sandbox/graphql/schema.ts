/**
 * GitHub's published GraphQL schema (`@octokit/graphql-schema`), built once per process from its
 * SDL (published-sdl.ts).
 *
 * The published SDL defines a couple of fields twice (e.g. `EnterpriseOwnerInfo.repositoryDeployKeySetting`),
 * which graphql-js' SDL validation rejects; `assumeValidSDL` skips that check (the last definition wins)
 * while the built schema itself still passes `assertValidSchema`.
 */
import { buildASTSchema, GraphQLSchema, GraphQLUnionType } from 'graphql';
import { publishedSchemaDocument } from './published-sdl.js';

let cached: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  if (!cached) {
    cached = buildASTSchema(publishedSchemaDocument(), { assumeValidSDL: true });
  }
  return cached;
}

/** The member type names of a union in the schema (e.g. which timeline items an Issue may hold). */
const unions = new Map<string, Set<string>>();

export function unionMembers(name: string): Set<string> {
  const known = unions.get(name);
  if (known) return known;
  const type = githubSchema().getType(name);
  if (!(type instanceof GraphQLUnionType)) throw new Error(`${name} is not a union in GitHub's schema`);
  const members = new Set(type.getTypes().map((t) => t.name));
  unions.set(name, members);
  return members;
}
