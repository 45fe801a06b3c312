/**
 * The sandbox's `POST /graphql`: GitHub's published schema, queries validated against it, and
 * resolvers backed by the repository model. Model classes (`models/`) name their methods after
 * the schema's fields, so graphql-js' default resolver calls them with the field's arguments;
 * a field no model implements resolves to null (an error where the schema says non-null).
 *
 * Mutations are refused: the actions write through REST.
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  print,
  validate,
  type DocumentNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import type { RepoState } from '../state.js';
import { githubSchema } from './schema.js';
import {
  ErrorType,
  formatExecutionError,
  formatSyntaxError,
  formatValidationError,
  GithubGraphqlError,
  notFound,
  type GithubErrorEntry,
} from './errors.js';
import { MAX_NODE_COUNT, RATE_LIMIT, queryCost } from './cost.js';
import type { Ctx, RateLimitInfo } from './context.js';
import type { PageArgs } from './pagination.js';
import { OrganizationModel, UserModel, isBotLogin, knownLogin } from './models/actors.js';
import { RepositoryModel } from './models/repository.js';
import { visibleOtherRepo } from '../other-repos.js';
import { nodeById } from './models/nodes.js';
import { search } from './models/search.js';

export interface GraphqlResult {
  data?: unknown;
  errors?: GithubErrorEntry[];
  /** the points the query cost (not part of the answer: the server counts them against the budget) */
  cost?: number;
}

/** the token's GraphQL budget before this query, as the server counts it (rate-limit.ts) */
export interface GraphqlBudget {
  limit: number;
  used: number;
  /** epoch seconds */
  reset: number;
}

export type GraphqlHandler = (
  query: string,
  variables: Record<string, unknown>,
  login: string,
  operationName?: string,
  budget?: GraphqlBudget,
) => Promise<GraphqlResult>;

const HOUR_MS = 3_600_000;
const MUTATION_HINT = 'The sandbox implements no GraphQL mutations: the actions write through the REST API.';

class QueryRoot {
  constructor(private readonly _ctx: Ctx) {}
  repository({ owner, name }: { owner: string; name: string }) {
    const { state } = this._ctx;
    if (owner.toLowerCase() === state.owner.toLowerCase() && name.toLowerCase() === state.name.toLowerCase())
      return new RepositoryModel(this._ctx);
    // another repository the scenario lists (other-repos.ts), answered from its own model
    const other = visibleOtherRepo(state, owner, name);
    if (other) return new RepositoryModel({ ...this._ctx, state: other });
    throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
  }
  repositoryOwner({ login }: { login: string }) {
    if (login.toLowerCase() === this._ctx.state.owner.toLowerCase())
      return new RepositoryModel(this._ctx).owner();
    return knownLogin(this._ctx, login) && !isBotLogin(login)
      ? new UserModel(this._ctx, this._ctx.state.canonicalLogin(login))
      : null;
  }
  organization({ login }: { login: string }) {
    // a user account is no organization, even the one owning the repository
    if (login.toLowerCase() !== this._ctx.state.owner.toLowerCase() || this._ctx.state.ownerType === 'User')
      throw notFound(`Could not resolve to an Organization with the login of '${login}'.`);
    return new OrganizationModel(this._ctx);
  }
  user({ login }: { login: string }) {
    if (isBotLogin(login) || !knownLogin(this._ctx, login))
      throw notFound(`Could not resolve to a User with the login of '${login}'.`);
    // logins are case-insensitive; the answer spells the login as GitHub does
    return new UserModel(this._ctx, this._ctx.state.canonicalLogin(login));
  }
  node({ id }: { id: string }) {
    const model = nodeById(this._ctx, id);
    if (!model) throw notFound(`Could not resolve to a node with the global id of '${id}'`);
    return model;
  }
  /** a missing id is null in the list, with an error at its index */
  nodes({ ids }: { ids: string[] }) {
    return ids.map(
      (id) =>
        nodeById(this._ctx, id) ?? notFound(`Could not resolve to a node with the global id of '${id}'`),
    );
  }
  search(args: PageArgs & { query: string; type: string }, _c: unknown, info: GraphQLResolveInfo) {
    return search(this._ctx, args, info);
  }
  /** an installation token's viewer is a User whose login keeps its `[bot]` suffix */
  viewer() {
    return new UserModel(this._ctx, this._ctx.viewer);
  }
  rateLimit() {
    const { cost, nodeCount, used, limit, reset } = this._ctx.rate;
    const resetAt = new Date(reset !== undefined ? reset * 1000 : Date.parse(this._ctx.state.now) + HOUR_MS)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    return { cost, nodeCount, used, limit, remaining: Math.max(0, limit - used), resetAt };
  }
}

/** GitHub answers a mutation the token may not perform with FORBIDDEN on each of its fields. */
function refuseMutation(operation: OperationDefinitionNode): GraphqlResult {
  const data: Record<string, null> = {};
  const errors: GithubErrorEntry[] = [];
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== 'Field') continue;
    const key = sel.alias?.value ?? sel.name.value;
    data[key] = null;
    errors.push({
      type: ErrorType.FORBIDDEN,
      path: [key],
      extensions: { sandbox: MUTATION_HINT },
      locations: sel.loc ? [{ line: sel.loc.startToken.line, column: sel.loc.startToken.column }] : undefined,
      message: 'Resource not accessible by integration',
    });
  }
  return { data, errors };
}

/** graphql-js' variable coercion errors, in GitHub's words. */
function variableError(
  err: GraphQLError,
  operation: OperationDefinitionNode | null | undefined,
): GithubErrorEntry | undefined {
  const m = /^Variable "\$(\w+)" (?:got invalid value|of required type|of non-null type)/.exec(err.message);
  if (!m) return undefined;
  const def = operation?.variableDefinitions?.find((d) => d.variable.name.value === m[1]);
  return {
    extensions: { problems: [{ path: [], explanation: err.message }] },
    locations: err.locations,
    message: `Variable $${m[1]} of type ${def ? print(def.type) : 'unknown'} was provided invalid value`,
  };
}

/** Parsed and validated queries by text: a run sends the same few queries page after page. */
const checkedQueries = new Map<string, { document: DocumentNode } | { errors: GithubErrorEntry[] }>();
const MAX_CHECKED_QUERIES = 1000;

/** The query parsed and validated against GitHub's schema, or the errors GitHub answers with. */
function checkQuery(query: string): { document: DocumentNode } | { errors: GithubErrorEntry[] } {
  const known = checkedQueries.get(query);
  if (known) return known;
  let checked: { document: DocumentNode } | { errors: GithubErrorEntry[] };
  try {
    const document = parse(query);
    const invalid = validate(githubSchema(), document);
    checked = invalid.length ? { errors: invalid.map(formatValidationError) } : { document };
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    checked = { errors: [formatSyntaxError(err)] };
  }
  if (checkedQueries.size >= MAX_CHECKED_QUERIES) checkedQueries.clear();
  checkedQueries.set(query, checked);
  return checked;
}

export function createGraphqlHandler(state: RepoState): GraphqlHandler {
  const subtrees = new Map<string, Map<string, string>>();
  let pointsUsed = 0;

  return async (query, variables, login, operationName, budget) => {
    const checked = checkQuery(query);
    if ('errors' in checked) return { errors: checked.errors };
    const { document } = checked;

    const operation = getOperationAST(document, operationName);
    if (operation?.operation === 'mutation') return refuseMutation(operation);

    // with a budget the server keeps the count per token; without one, this handler does
    const spentBefore = budget?.used ?? pointsUsed;
    const rate: RateLimitInfo = {
      cost: 1,
      nodeCount: 0,
      used: spentBefore + 1,
      limit: budget?.limit ?? RATE_LIMIT,
      reset: budget?.reset,
    };
    if (operation) {
      const cost = queryCost(document, operation, variables ?? {});
      if (cost.nodeCount > MAX_NODE_COUNT)
        return {
          errors: [
            {
              type: ErrorType.MAX_NODE_LIMIT_EXCEEDED,
              message: `This query requests up to ${cost.nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODE_COUNT.toLocaleString('en-US')}.`,
            },
          ],
        };
      pointsUsed += cost.cost;
      Object.assign(rate, { cost: cost.cost, nodeCount: cost.nodeCount, used: spentBefore + cost.cost });
    }

    const ctx: Ctx = { state, viewer: login || state.actor, subtrees, rate };
    const result = await execute({
      schema: githubSchema(),
      document,
      rootValue: new QueryRoot(ctx),
      variableValues: variables ?? {},
      operationName,
      typeResolver: (value) => (value as { __typename?: string }).__typename,
    });
    const out: GraphqlResult = {};
    // not part of the answer: the server reads it to count the points
    Object.defineProperty(out, 'cost', { value: rate.cost, enumerable: false });
    if (result.data !== undefined) out.data = result.data;
    if (result.errors?.length)
      out.errors = result.errors.map(
        (e) => (e.path ? undefined : variableError(e, operation)) ?? formatExecutionError(e),
      );
    return out;
  };
}

export { GithubGraphqlError };
