import type { Document, LineCounter, Node as YamlNode, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { ConfigPath, Locate, SourcePosition } from './config-path';

type Doc = Document.Parsed;

/** How deep alias chains are followed before giving up (an alias of an alias …). */
const MAX_ALIAS_HOPS = 32;

/**
 * A {@link Locate} over a parsed YAML document: a key fault points at the key, a value fault
 * at the value (at the key when the value is empty). A path that runs past the document
 * (a missing key) points at the deepest part that exists.
 */
export function createYamlLocate(doc: Doc, lineCounter: LineCounter): Locate {
  return (path: ConfigPath, part: 'key' | 'value' = 'value'): SourcePosition | undefined => {
    const offset = findOffset(doc, path, part);
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

function findOffset(doc: Doc, path: ConfigPath, part: 'key' | 'value'): number | undefined {
  let node: unknown = doc.contents;
  // The last offset that exists along the path: the start of the document, then each key found.
  let fallback = startOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    node = resolveAlias(doc, node);
    const found = child(doc, node, path[i]);
    if (found === undefined) return fallback;
    const last = i === path.length - 1;
    const keyOffset = startOf(found.key) ?? startOf(found.value);
    if (last && (part === 'key' || isEmpty(found.value))) return keyOffset ?? fallback;
    fallback = keyOffset ?? fallback;
    node = found.value;
    if (last) return startOf(found.value) ?? fallback;
  }
  return startOf(node) ?? fallback;
}

/** The key node (for maps) and value node of one path step; a sequence item is its own key. */
function child(doc: Doc, node: unknown, segment: string | number): { key: unknown; value: unknown } | undefined {
  if (isSeq(node)) {
    const item = typeof segment === 'number' ? node.items[segment] : undefined;
    return item === undefined ? undefined : { key: item, value: item };
  }
  if (!isMap(node)) return undefined;
  const pair = findPair(doc, node.items as Pair[], String(segment), 0);
  return pair === undefined ? undefined : { key: pair.key, value: pair.value };
}

/** The pair for `key`, looking into `<<` merge sources when the map itself lacks it. */
function findPair(doc: Doc, items: Pair[], key: string, hops: number): Pair | undefined {
  const own = items.find((p) => !isMergeKey(p.key) && keyText(p.key) === key);
  if (own !== undefined || hops > MAX_ALIAS_HOPS) return own;
  for (const merge of items.filter((p) => isMergeKey(p.key))) {
    const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
    for (const source of sources) {
      const target = resolveAlias(doc, source);
      if (!isMap(target)) continue;
      const pair = findPair(doc, target.items as Pair[], key, hops + 1);
      if (pair !== undefined) return pair;
    }
  }
  return undefined;
}

/**
 * The key path of the innermost node at `offset`, for faults that yaml reports by position
 * (a duplicate key): `['telemetry', 'destinations', 'console']`.
 */
export function pathAtOffset(doc: Doc, offset: number): Array<string | number> {
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 64; depth++) {
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => contains(p.key, offset) || contains(p.value, offset));
      if (pair === undefined) break;
      path.push(keyText(pair.key));
      if (contains(pair.key, offset)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index === -1) break;
      path.push(index);
      node = node.items[index];
    } else {
      break;
    }
  }
  return path;
}

function resolveAlias(doc: Doc, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < MAX_ALIAS_HOPS; hops++) current = current.resolve(doc);
  return current;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<');
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? '' : String((key as YamlNode).toJSON?.() ?? key);
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null && (node.source === '' || node.source === undefined));
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range !== undefined && range !== null && range[0] <= offset && offset < Math.max(range[2], range[0] + 1);
}
