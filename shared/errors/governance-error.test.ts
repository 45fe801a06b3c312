import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LineCounter, isMap, isPair, parseDocument } from 'yaml';
import {
  GovernanceError,
  describeAt,
  governanceErrorFromYaml,
  joinKeyPath,
  nodeLocation,
  nodeLocationFromCounter,
  parseYamlDocument,
  positionAt,
} from './governance-error.js';

describe('GovernanceError', () => {
  it.each([
    [{ file: 'a.yml', line: 3, column: 7, keyPath: 'vep.sigs' }, 'a.yml:3:7: vep.sigs: bad'],
    [{ file: 'a.yml', line: 3 }, 'a.yml:3: bad'],
    [{ file: 'a.yml', keyPath: 'x' }, 'a.yml: x: bad'],
    [{ file: 'a.yml', column: 4 }, 'a.yml: bad'],
    [undefined, 'bad'],
  ])('renders %j', (location, rendered) => {
    const error = new GovernanceError('bad', location);
    expect(error.describe()).toBe(rendered);
    expect(String(error)).toBe(rendered);
    expect(error.message).toBe('bad');
    expect(error.name).toBe('GovernanceError');
    expect(error).toBeInstanceOf(Error);
  });

  it('describeAt renders warnings the same way', () => {
    expect(
      describeAt({ file: 'OWNERS', line: 1, column: 1, keyPath: 'assignees' }, 'unknown key ignored'),
    ).toBe('OWNERS:1:1: assignees: unknown key ignored');
  });
});

describe('positions', () => {
  it.each([
    ['abc', 0, { line: 1, column: 1 }],
    ['abc', 2, { line: 1, column: 3 }],
    ['a\nb', 2, { line: 2, column: 1 }],
    ['a\r\nb', 3, { line: 2, column: 1 }],
    ['a\rb', 2, { line: 2, column: 1 }],
    ['a\n', 99, { line: 2, column: 1 }],
    ['abc', -4, { line: 1, column: 1 }],
  ])('positionAt(%j, %d)', (source, offset, position) => {
    expect(positionAt(source, offset)).toEqual(position);
  });

  it('locates yaml nodes by offset, with or without a LineCounter', () => {
    const source = 'a: 1\nlist:\n  - x\n  - y\n';
    const lineCounter = new LineCounter();
    const document = parseDocument(source, { lineCounter });
    const root = document.contents;
    if (!isMap(root)) throw new Error('expected a map');
    const list = root.items[1]!;
    if (!isPair(list)) throw new Error('expected a pair');
    const y = (list.value as { items: unknown[] }).items[1] as Parameters<typeof nodeLocation>[0];
    expect(nodeLocation(y, source, 'f.yml', 'list[1]')).toEqual({
      file: 'f.yml',
      line: 4,
      column: 5,
      keyPath: 'list[1]',
    });
    expect(nodeLocationFromCounter(y, lineCounter, 'f.yml')).toEqual({ file: 'f.yml', line: 4, column: 5 });
    expect(nodeLocation(null, source, 'f.yml')).toEqual({ file: 'f.yml' });
  });

  it('turns a yaml parse error into a GovernanceError without the pretty excerpt', () => {
    const source = 'a: 1\nb: [x\n';
    const document = parseDocument(source); // prettyErrors is on by default
    const error = governanceErrorFromYaml(document.errors[0]!, source, 'f.yml');
    expect(error.location).toMatchObject({ file: 'f.yml', line: 3, column: 1 });
    expect(error.message).not.toMatch(/at line/);
  });

  it('shifts positions for YAML cut out of a larger file', () => {
    const file = '---\na: 1\nb: [\n---\nbody';
    const yamlStart = 4;
    const yamlText = file.slice(yamlStart, file.indexOf('\n---', yamlStart) + 1);
    expect(() => parseYamlDocument(yamlText, 'vep.md', file, yamlStart)).toThrow(GovernanceError);
    try {
      parseYamlDocument(yamlText, 'vep.md', file, yamlStart);
    } catch (error) {
      expect((error as GovernanceError).location?.line).toBe(4);
    }
  });

  it.each([
    [undefined, 'notice', 'notice'],
    ['lazy-consensus', 'notice', 'lazy-consensus.notice'],
    ['filters', '.*', 'filters.".*"'],
    ['approvers', 2, 'approvers[2]'],
  ])('joinKeyPath(%j, %j) is %j', (parent, key, path) => {
    expect(joinKeyPath(parent, key)).toBe(path);
  });
});

describe('properties', () => {
  it('positionAt agrees with splitting the text into lines', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.nat(100), (text, rawOffset) => {
        const offset = Math.min(rawOffset, text.length);
        const before = text.slice(0, offset).split(/\r\n|\r|\n/);
        const { line, column } = positionAt(text, offset);
        // A "\r" just before the offset whose "\n" follows it has not ended the line yet.
        if (text[offset - 1] === '\r' && text[offset] === '\n') return;
        expect(line).toBe(before.length);
        expect(column).toBe(before[before.length - 1]!.length + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('parseYamlDocument accepts any text or throws a located GovernanceError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        try {
          parseYamlDocument(text, 'x.yml');
        } catch (error) {
          expect(error).toBeInstanceOf(GovernanceError);
          expect((error as GovernanceError).location?.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
