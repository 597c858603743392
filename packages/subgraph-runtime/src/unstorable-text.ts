import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type ASTNode, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { BadUserInputError } from '@bookstore/server-core';

// Text every subgraph refuses in any string argument, before a resolver runs:
// - U+0000: PostgreSQL text cannot hold it (the insert fails, and used to become an
//   INTERNAL_SERVER_ERROR whose log line carried the statement's parameters);
// - the other C0 control characters except tab, LF and CR: storable, but never text a person
//   typed, and they turn into terminal escapes (U+001B) or invalid XML in whatever shows or
//   exports the data later;
// - a lone UTF-16 surrogate: not a Unicode scalar value, so it has no UTF-8 encoding and
//   PostgreSQL refuses it. (JSON variables can carry one as "\ud800"; GraphQL literals cannot,
//   the parser already refuses them.)
// Tab, LF and CR stay allowed everywhere: they are storable and harmless in SQL and in the JSON
// logs, and whether a field is single-line is that field's own rule, which its domain check
// applies where the format matters (email, username, ISBN, country, ids, amounts).

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface UnstorableText {
  /** The argument path, as resolvers name fields: `input.shippingAddress.line1`, `input.authorNames[1]`. */
  field: string;
  /** The first offending UTF-16 code unit. */
  codeUnit: number;
  kind: 'control' | 'surrogate';
}

/** The first character of `text` that may not be stored, if any. */
export function unstorableCharacter(text: string): Pick<UnstorableText, 'codeUnit' | 'kind'> | undefined {
  const control = CONTROL.exec(text);
  const surrogate = LONE_SURROGATE.exec(text);
  if (!control && !surrogate) return undefined;
  if (control && (!surrogate || control.index < surrogate.index)) return { codeUnit: text.charCodeAt(control.index), kind: 'control' };
  return { codeUnit: text.charCodeAt(surrogate!.index), kind: 'surrogate' };
}

/** A path built only when it is reported: variables may nest 100,000 levels, and most paths are never printed. */
interface Path {
  parent: Path | undefined;
  key: string | number;
}

function render(path: Path): string {
  const keys: (string | number)[] = [];
  for (let p: Path | undefined = path; p; p = p.parent) keys.push(p.key);
  return keys
    .reverse()
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

type Work = { kind: 'literal'; node: ValueNode; path: Path } | { kind: 'json'; value: unknown; path: Path };

/**
 * The first string in the operation's arguments that may not be stored: inline literals and
 * the variables they use, nested input objects and lists, named by argument path, so
 * `register(input: $i)` with `$i.email` bad is reported as `input.email`, as resolvers name it.
 * Iterative, since the variables are raw JSON of any depth (Apollo coerces them only later, when
 * execution starts). Only variables an argument uses are read: others never reach a resolver.
 */
export function findUnstorableText(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): UnstorableText | undefined {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const work: Work[] = [];
  // The operation and every fragment it reaches, in document order.
  const queue: ASTNode[] = [operation];
  const reached = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    visit(queue[i]!, {
      Argument(node) {
        work.push({ kind: 'literal', node: node.value, path: { parent: undefined, key: node.name.value } });
        return false;
      },
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !reached.has(node.name.value)) {
          reached.add(node.name.value);
          queue.push(fragment);
        }
      },
    });
  }
  work.reverse();
  while (work.length > 0) {
    const item = work.pop()!;
    const found = item.kind === 'literal' ? inspectLiteral(item.node, item.path, work, variables, defaults) : inspectJson(item.value, item.path, work);
    if (found) return found;
  }
  return undefined;
}

function inspectLiteral(node: ValueNode, path: Path, work: Work[], variables: Readonly<Record<string, unknown>>, defaults: Map<string, ValueNode>): UnstorableText | undefined {
  switch (node.kind) {
    case Kind.STRING:
      return check(node.value, path);
    case Kind.LIST:
      for (let i = node.values.length - 1; i >= 0; i--) work.push({ kind: 'literal', node: node.values[i]!, path: { parent: path, key: i } });
      return undefined;
    case Kind.OBJECT:
      for (let i = node.fields.length - 1; i >= 0; i--) work.push({ kind: 'literal', node: node.fields[i]!.value, path: { parent: path, key: node.fields[i]!.name.value } });
      return undefined;
    case Kind.VARIABLE: {
      const name = node.name.value;
      if (Object.hasOwn(variables, name)) work.push({ kind: 'json', value: variables[name], path });
      else if (defaults.has(name)) work.push({ kind: 'literal', node: defaults.get(name)!, path });
      return undefined;
    }
    default: // numbers, booleans, enums and null hold no text
      return undefined;
  }
}

function inspectJson(value: unknown, path: Path, work: Work[]): UnstorableText | undefined {
  if (typeof value === 'string') return check(value, path);
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) work.push({ kind: 'json', value: value[i], path: { parent: path, key: i } });
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) work.push({ kind: 'json', value: (value as Record<string, unknown>)[keys[i]!], path: { parent: path, key: keys[i]! } });
  }
  return undefined;
}

function check(text: string, path: Path): UnstorableText | undefined {
  const found = unstorableCharacter(text);
  return found && { field: render(path), ...found };
}

/** BAD_USER_INPUT naming the field, HTTP 400 like Apollo's own refusal of a variable's value. */
export function unstorableTextError(found: UnstorableText): BadUserInputError {
  const code = `U+${found.codeUnit.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = found.kind === 'control' ? `a control character (${code})` : `an unpaired surrogate (${code}), which is not valid Unicode text`;
  return new BadUserInputError(`${found.field} contains ${what}.`, found.field, 400);
}

/** Refuses an operation whose arguments hold text that may not be stored, before any resolver runs. */
export function refuseUnstorableText<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const found = operation && findUnstorableText(document, operation, request.variables ?? {});
          if (found) throw unstorableTextError(found);
        },
      };
    },
  };
}
