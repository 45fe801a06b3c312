/**
 * Edit history as GitHub's GraphQL API shows it on comments, reviews and issue bodies:
 * `userContentEdits` (newest first; each edit's `diff` holds the whole text of that version),
 * `lastEditedAt`, `editor` (who made the last edit) and `includesCreatedEdit` (the history holds
 * the created version, which GitHub records on the first edit).
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { ContentEdit } from '../../state.js';
import { encodeNodeId, scopedKey } from '../ids.js';
import { Connection, type PageArgs } from '../pagination.js';
import type { Ctx } from '../context.js';
import { actor } from './actors.js';

export class UserContentEditModel {
  readonly __typename = 'UserContentEdit';
  constructor(
    protected readonly _ctx: Ctx,
    protected readonly _key: string,
    protected readonly _edit: ContentEdit,
  ) {}
  id() {
    return encodeNodeId('UserContentEdit', scopedKey(this._ctx.state, this._key));
  }
  createdAt() {
    return this._edit.editedAt;
  }
  updatedAt() {
    return this._edit.editedAt;
  }
  editedAt() {
    return this._edit.editedAt;
  }
  editor() {
    return actor(this._ctx, this._edit.editor);
  }
  diff() {
    return this._edit.body;
  }
  deletedAt() {
    return null;
  }
  deletedBy() {
    return null;
  }
}

/** The edit-history fields of one comment, review or body; `key` names the record for node ids. */
export function editFields(ctx: Ctx, key: string, edits: readonly ContentEdit[] | undefined) {
  const list = edits ?? [];
  const last = list.length ? list[list.length - 1]! : undefined;
  return {
    lastEditedAt: () => last?.editedAt ?? null,
    editor: () => (last ? actor(ctx, last.editor) : null),
    includesCreatedEdit: () => list.length > 0,
    userContentEdits: (args: PageArgs, _c: unknown, info: GraphQLResolveInfo) =>
      new Connection(
        info.fieldName,
        list.map((e, i) => new UserContentEditModel(ctx, `${key}:${i}`, e)).reverse(),
        args,
      ),
  };
}
