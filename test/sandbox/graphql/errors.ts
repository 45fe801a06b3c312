/**
 * Errors shaped like GitHub's GraphQL API returns them.
 *
 * Runtime errors carry a top-level `type` (NOT_FOUND, EXCESSIVE_PAGINATION, ...); validation errors
 * carry `extensions.code` (undefinedField, argumentNotAccepted, ...) and GitHub's own wording, which
 * differs from graphql-js'. Messages graphql-js words differently and that we do not map keep
 * graphql-js' text: they are still errors, which is what the sandbox's callers look at.
 */
import { GraphQLError } from 'graphql';

export const ErrorType = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  EXCESSIVE_PAGINATION: 'EXCESSIVE_PAGINATION',
  MISSING_PAGINATION_BOUNDARIES: 'MISSING_PAGINATION_BOUNDARIES',
  INVALID_CURSOR_ARGUMENTS: 'INVALID_CURSOR_ARGUMENTS',
  MAX_NODE_LIMIT_EXCEEDED: 'MAX_NODE_LIMIT_EXCEEDED',
  INVALID_ARGUMENTS: 'INVALID_ARGUMENTS',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** Thrown by resolvers; graphql-js attaches path and locations. */
export class GithubGraphqlError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new GithubGraphqlError(ErrorType.NOT_FOUND, message);

/** One entry of a response's `errors`, in GitHub's key order. */
export interface GithubErrorEntry {
  type?: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  message: string;
}

export function formatExecutionError(err: GraphQLError): GithubErrorEntry {
  const original = err.originalError;
  const out: GithubErrorEntry = { message: err.message };
  if (original instanceof GithubGraphqlError) {
    out.type = original.type;
    if (original.extensions) out.extensions = original.extensions;
  }
  if (err.path) out.path = err.path;
  if (err.locations) out.locations = err.locations;
  return reorder(out);
}

const PUNCTUATOR_NAMES: Record<string, string> = {
  '{': 'LCURLY',
  '}': 'RCURLY',
  '(': 'LPAREN',
  ')': 'RPAREN',
  '[': 'LBRACKET',
  ']': 'RBRACKET',
  ':': 'COLON',
  '=': 'EQUALS',
  '!': 'BANG',
  $: 'VAR_SIGN',
  '@': 'DIR_SIGN',
  '...': 'ELLIPSIS',
  '|': 'PIPE',
  '&': 'AMP',
};

/** A parse failure, worded as GitHub's parser words it: `Parse error on "}" (RCURLY) at [1, 5]`. */
export function formatSyntaxError(err: GraphQLError): GithubErrorEntry {
  const loc = err.locations?.[0];
  const at = loc ? ` at [${loc.line}, ${loc.column}]` : '';
  const found = /(?:found|Unexpected) (?:\w+ )?"(.+)"\.?$/.exec(err.message)?.[1];
  let message: string;
  if (/(?:found|Unexpected) <EOF>/.test(err.message)) message = 'Unexpected end of document';
  else if (found && PUNCTUATOR_NAMES[found])
    message = `Parse error on "${found}" (${PUNCTUATOR_NAMES[found]})${at}`;
  else if (found) message = `Parse error on "${found}"${at}`;
  else message = `Parse error: ${err.message.replace(/^Syntax Error: /, '')}${at}`;
  return reorder({ locations: err.locations, message });
}

interface ValidationRewrite {
  pattern: RegExp;
  rewrite: (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> };
}

/** graphql-js validation messages -> GitHub's wording and `extensions.code`. */
const VALIDATION_REWRITES: ValidationRewrite[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"/,
    rewrite: ([, fieldName, typeName]) => ({
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: 'undefinedField', typeName, fieldName },
    }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/,
    rewrite: ([, argumentName, name]) => ({
      message: `Field '${name}' doesn't accept argument '${argumentName}'`,
      extensions: { code: 'argumentNotAccepted', name, typeName: 'Field', argumentName },
    }),
  },
  {
    pattern: /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided/,
    rewrite: ([, name, argument]) => ({
      message: `Field '${name}' is missing required arguments: ${argument}`,
      extensions: { code: 'missingRequiredArguments', className: 'Field', name, arguments: argument },
    }),
  },
  {
    pattern: /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/,
    rewrite: ([, name, type]) => ({
      message: `Field must have selections (field '${name}' returns ${type} but has no selections. Did you mean '${name} { ... }'?)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${name}'`, typeName: type },
    }),
  },
  {
    pattern: /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields/,
    rewrite: ([, name, type]) => ({
      message: `Selections can't be made on scalars (field '${name}' returns ${type} but has selections)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${name}'`, typeName: type },
    }),
  },
  {
    pattern: /^Variable "\$(\w+)" is never used/,
    rewrite: ([, name]) => ({
      message: `Variable $${name} is declared but not used`,
      extensions: { code: 'variableNotUsed', variableName: name },
    }),
  },
  {
    pattern: /^Variable "\$(\w+)" is not defined/,
    rewrite: ([, name]) => ({
      message: `Variable $${name} is used but not declared`,
      extensions: { code: 'variableNotDefined', variableName: name },
    }),
  },
  {
    pattern: /^Unknown type "(\w+)"/,
    rewrite: ([, name]) => ({
      message: `No such type ${name}, so it can't be a fragment condition`,
      extensions: { code: 'undefinedType', typeName: name },
    }),
  },
  {
    pattern: /^Fragment cannot be spread here as objects of type "(\w+)" can never be of type "(\w+)"/,
    rewrite: ([, parent, fragment]) => ({
      message: `Fragment on ${fragment} can't be spread inside ${parent}`,
      extensions: { code: 'fragmentSpreadTypeMismatch', typeName: fragment, parentName: parent },
    }),
  },
];

export function formatValidationError(err: GraphQLError): GithubErrorEntry {
  for (const { pattern, rewrite } of VALIDATION_REWRITES) {
    const m = pattern.exec(err.message);
    if (m) {
      const { message, extensions } = rewrite(m);
      return reorder({ extensions, locations: err.locations, message });
    }
  }
  return reorder({ extensions: { code: 'invalidQuery' }, locations: err.locations, message: err.message });
}

/** GitHub's key order, which makes logged errors read the same as real ones. */
function reorder(e: GithubErrorEntry): GithubErrorEntry {
  return {
    ...(e.type ? { type: e.type } : {}),
    ...(e.path ? { path: e.path } : {}),
    ...(e.extensions ? { extensions: e.extensions } : {}),
    ...(e.locations ? { locations: e.locations } : {}),
    message: e.message,
  };
}
