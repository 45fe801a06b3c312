/** How the runner talks to an action process: input variable names and the output file format. */
import { describe, expect, it } from '@jest/globals';
import { inputVariable, parseCommandFile, parseSetOutputCommands } from './run-action.js';

describe('inputVariable', () => {
  it('names inputs as @actions/core reads them: upper case, spaces to _, dashes kept', () => {
    expect(inputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN');
    expect(inputVariable('config path')).toBe('INPUT_CONFIG_PATH');
    expect(inputVariable('dry-run')).toBe('INPUT_DRY-RUN');
  });
});

describe('parseCommandFile', () => {
  it('reads name=value lines and name<<DELIMITER heredocs', () => {
    const text = [
      'violations=0',
      'empty=',
      'with-equals=a=b',
      'report<<ghadelimiter_1234',
      'line 1',
      'key=not an output',
      '',
      'ghadelimiter_1234',
      'last=x',
      '',
    ].join('\n');
    expect(parseCommandFile(text)).toEqual({
      violations: '0',
      empty: '',
      'with-equals': 'a=b',
      report: 'line 1\nkey=not an output\n',
      last: 'x',
    });
  });

  it('refuses an unterminated heredoc and a line that is neither form', () => {
    expect(() => parseCommandFile('report<<EOF\nline\n')).toThrow(/unterminated heredoc for output "report"/);
    expect(() => parseCommandFile('just text\n')).toThrow(/malformed line/);
  });
});

describe('parseSetOutputCommands', () => {
  it('reads the legacy ::set-output lines as @actions/core escapes them', () => {
    const stdout = [
      'log line',
      '::set-output name=plan::{"a":"50%25"}%0Anext',
      '::set-output name=changed::1',
      '',
    ].join('\n');
    expect(parseSetOutputCommands(stdout)).toEqual({ plan: '{"a":"50%"}\nnext', changed: '1' });
  });
});
