/**
 * A crash at a chosen write (the runner's `kill-after-write`, docs/scenarios.md "Extensions"):
 * once the sandbox has answered a client's N-th write, `onSprung` runs (the runner SIGKILLs the
 * action there) and every later request of that client is dropped unanswered, before it can
 * change anything. The kill is therefore exact: nothing the action sends after its N-th write
 * lands, however fast it sends it, so the repository is what a crash right there leaves.
 * Writes are counted as the request log counts them: a REST request other than GET/HEAD, or a
 * GraphQL mutation, whatever the answer.
 */
export interface WriteTrapRule {
  /** only this client's requests (`Sandbox.tokenFor`'s client name); undefined = every request */
  client?: string;
  /** spring after this many answered writes (1 = right after the first) */
  afterWrites: number;
  onSprung: () => void;
}

export class WriteTrap {
  private answered = 0;
  private sprungFlag = false;

  constructor(readonly rule: WriteTrapRule) {
    if (!Number.isInteger(rule.afterWrites) || rule.afterWrites < 1)
      throw new Error(`afterWrites must be a positive integer, got ${rule.afterWrites}`);
  }

  private mine(client: string | undefined): boolean {
    return this.rule.client === undefined || this.rule.client === client;
  }

  /** true: the trap has sprung and this client's request must not be answered */
  blocks(client: string | undefined): boolean {
    return this.sprungFlag && this.mine(client);
  }

  /** Called once a write was answered; springs the trap at the N-th. */
  writeAnswered(client: string | undefined): void {
    if (this.sprungFlag || !this.mine(client)) return;
    if (++this.answered < this.rule.afterWrites) return;
    this.sprungFlag = true;
    this.rule.onSprung();
  }

  get sprung(): boolean {
    return this.sprungFlag;
  }

  /** writes of the client answered so far (at most afterWrites) */
  get writes(): number {
    return this.answered;
  }
}
