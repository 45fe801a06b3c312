/** Every request the sandbox answered, so the runner can count and inspect one run's traffic. */
import type { FaultKind } from './faults.js';

export interface RequestLogEntry {
  method: string;
  /** the URL path, without the query string */
  path: string;
  query: string;
  /** the OpenAPI operation it matched (`GET /repos/{owner}/{repo}`), when it matched one */
  operation?: string;
  /** 0 when the connection was reset instead of answered */
  status: number;
  /** a REST request that is not GET/HEAD, or a GraphQL mutation */
  write: boolean;
  /** for GraphQL: the operation name, or the first field when the operation is anonymous */
  graphql?: string;
  /** the login the token authenticated as */
  login?: string;
  /** the client name the token was issued under, when it was (`Sandbox.tokenFor`) */
  client?: string;
  fault?: FaultKind;
  /** the scenario clock when the request arrived */
  at: string;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** Forgets a request that never happened (its client was killed before sending it). */
  drop(entry: RequestLogEntry): void {
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
  }

  reads(): RequestLogEntry[] {
    return this.entries.filter((e) => !e.write);
  }

  writes(): RequestLogEntry[] {
    return this.entries.filter((e) => e.write);
  }

  /** entries from `index` on: take `log.entries.length` before a run, then `since(it)` after */
  since(index: number): RequestLogEntry[] {
    return this.entries.slice(index);
  }

  reset(): void {
    this.entries.length = 0;
  }
}
