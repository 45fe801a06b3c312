/**
 * shared/github/rest-subset.ts stands in for `@octokit/plugin-rest-endpoint-methods`: each method it
 * lists must be the one the plugin builds (same route, same defaults), and send the same request.
 */
import { describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/core';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { REST_ROUTES, restSubset } from '../../../shared/github/rest-subset.js';

type Method = ((o?: object) => Promise<unknown>) & { endpoint: { DEFAULTS: object; (o: object): object } };
/** everything but the instance's request hook */
const plain = (o: object) => ({ ...o, request: undefined });
const methods = (rest: unknown, scope: string, name: string) =>
  (rest as Record<string, Record<string, Method>>)[scope]![name]!;

describe('the REST subset', () => {
  const Real = Octokit.plugin(restEndpointMethods);
  const Ours = Octokit.plugin(restSubset);
  const opts = { auth: 'token t', baseUrl: 'https://ghe.example/api/v3' };
  const real = new Real(opts);
  const ours = new Ours(opts);
  const all = Object.entries(REST_ROUTES).flatMap(([scope, ms]) =>
    Object.keys(ms).map((name) => [scope, name]),
  );

  it.each(all)('%s.%s is the plugin’s method', (scope, name) => {
    const want = methods(real.rest, scope, name);
    const got = methods(ours.rest, scope, name);
    expect(plain(got.endpoint.DEFAULTS)).toEqual(plain(want.endpoint.DEFAULTS));
    const params = {
      owner: 'o',
      repo: 'r',
      issue_number: 1,
      name: 'a b',
      ref: 'heads/x',
      basehead: 'a...b',
      path: 'd/f',
    };
    expect(plain(got.endpoint(params))).toEqual(plain(want.endpoint(params)));
  });
});

describe('a method not listed', () => {
  it('fails naming the file to add it to', () => {
    const ours = new (Octokit.plugin(restSubset))({ auth: 'token t' });
    const rest = ours.rest as unknown as Record<string, Record<string, unknown>>;
    expect(() => rest['issues']!['lock']).toThrow(
      'octokit.rest.issues.lock is not in shared/github/rest-subset.ts: add its route there',
    );
    expect(() => rest['gists']).toThrow('octokit.rest.gists is not in shared/github/rest-subset.ts');
  });
});
