/**
 * The shipped JSON Schema is what editors use (docs/config.md: `# yaml-language-server: $schema=`):
 * it must compile in a plain Ajv, with no project-specific formats or keywords, and the YAML
 * language server must validate a configuration with it.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const SCHEMA_PATH = 'shared/config/governance.schema.json';
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

/** The configuration block of docs/config.md: every documented key. */
function documentedConfig(): string {
  const doc = readFileSync('docs/config.md', 'utf8');
  const block = /```yaml\n(version: 1\n[\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/config.md has no yaml block');
  return block[1];
}

describe('the shipped schema in a plain Ajv (strict, no formats added)', () => {
  const validate = new Ajv().compile(schema);

  it('accepts the documented configuration', () => {
    const ok = validate(parse(documentedConfig()));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects an unknown key and a wrong enum value', () => {
    expect(validate(parse('version: 1\nlazy-consensus:\n  notice: {critical: 1d}\n'))).toBe(false);
    expect(validate(parse('version: 1\nlazy-consensus:\n  on-withdraw: later\n'))).toBe(false);
  });
});

describe('the shipped schema in the YAML language server', () => {
  // the server caches a parsed document by URI and version: each text gets a new version
  let version = 0;
  async function diagnostics(text: string): Promise<string[]> {
    const { getLanguageService } = await import('yaml-language-server');
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const uri = 'file:///repo/.github/governance.yml';
    const service = getLanguageService({
      schemaRequestService: () => Promise.reject(new Error('no network in this test')),
      workspaceContext: { resolveRelativePath: (relative: string) => relative },
    } as never);
    service.configure({
      validate: true,
      completion: true,
      schemas: [{ uri: 'file:///schemas/governance.schema.json', fileMatch: ['*governance.yml'], schema }],
    });
    const document = TextDocument.create(uri, 'yaml', ++version, text);
    const result = await service.doValidation(document, false);
    return result.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
  }

  it('accepts the documented configuration', async () => {
    expect(await diagnostics(documentedConfig())).toEqual([]);
  });

  it('reports an unknown key at its line', async () => {
    // its message is an untranslated key (DisallowedExtraPropWarning); the position is the key's
    const found = await diagnostics('version: 1\nlazy-consensus:\n  notice: {critical: 1d}\n');
    expect(found.map((d) => d.split(' ')[0])).toEqual(['3:12']);
    expect(await diagnostics('version: 2\n')).toEqual(['1:10 Value must be 1.']);
  });
});
