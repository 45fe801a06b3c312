/** What is wrong with a proposal pull request, each with the fix in words. */
export type ProblemCode =
  | 'outside-sig-folder'
  | 'unknown-sig'
  | 'folder-name'
  | 'document-missing'
  | 'tracking-issue-missing'
  | 'tracking-issue-is-pull'
  | 'tracking-issue-unlabelled'
  | 'title-prefix'
  | 'several-proposals'
  | 'front-matter-missing'
  | 'front-matter-invalid'
  | 'vep-number'
  | 'owning-sig'
  | 'status'
  | 'tbd-approvers'
  | 'implementable-requires'
  | 'status-transition'
  | 'superseded-by'
  | 'freeze'
  | 'participating-sigs';

export interface Problem {
  code: ProblemCode;
  /** the proposal's folder, or null for pull-request-wide problems (title, several proposals) */
  proposal: string | null;
  /** what is wrong and exactly what to change; Markdown, no user text unescaped */
  message: string;
  /** where to annotate */
  path?: string;
  line?: number;
}
