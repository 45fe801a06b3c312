/**
 * GitHub's rate-limit arithmetic for a query, from its text alone: every connection asked for with
 * `first`/`last` is one request per parent record that may hold it, and may return that many nodes.
 * `cost` is the requests divided by 100 (at least 1); more than 500,000 nodes is refused.
 */
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const MAX_NODE_COUNT = 500_000;
export const RATE_LIMIT = 5000;

export interface QueryCost {
  requests: number;
  nodeCount: number;
  cost: number;
}

export function queryCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const acc = { requests: 0, nodeCount: 0 };

  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const v = variables[node.name.value];
      return typeof v === 'number' ? v : undefined;
    }
    return undefined;
  };

  const walk = (set: SelectionSetNode | undefined, multiplier: number, seen: Set<string>) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        const arg = (name: string) => sel.arguments?.find((a) => a.name.value === name)?.value;
        const limit = intValue(arg('first')) ?? intValue(arg('last'));
        let inner = multiplier;
        if (limit !== undefined) {
          acc.requests += multiplier;
          inner = multiplier * Math.max(0, limit);
          acc.nodeCount += inner;
        }
        walk(sel.selectionSet, inner, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, multiplier, seen);
      } else if (!seen.has(sel.name.value)) {
        walk(fragments.get(sel.name.value)?.selectionSet, multiplier, new Set([...seen, sel.name.value]));
      }
    }
  };
  walk(operation.selectionSet, 1, new Set());
  return { ...acc, cost: Math.max(1, Math.round(acc.requests / 100)) };
}
