import { describe, expect, it } from 'vitest';
import { SplitError, splitCommand } from '../../../scripts/cli/split.js';

describe('splitCommand', () => {
  it.each([
    ['node server.js', ['node', 'server.js']],
    ['  node   a\tb  ', ['node', 'a', 'b']],
    [`node -e 'console.log("hi there")'`, ['node', '-e', 'console.log("hi there")']],
    [`cmd "a b" "c \\"q\\" \\\\ \\$HOME \\n"`, ['cmd', 'a b', 'c "q" \\ $HOME \\n']],
    [`cmd a\\ b 'it'\\''s' ""`, ['cmd', 'a b', "it's", '']],
    [`cmd "$HOME" '*' ; rm -rf / | x > y`, ['cmd', '$HOME', '*', ';', 'rm', '-rf', '/', '|', 'x', '>', 'y']],
    [`a"b c"d`, ['ab cd']],
  ])('splits %j', (line, words) => {
    expect(splitCommand(line)).toEqual(words);
  });

  it.each([
    [`node 'unterminated`, /unterminated single quote/],
    [`node "unterminated`, /unterminated double quote/],
    ['node \\', /trailing backslash/],
    ['   ', /empty command/],
  ])('rejects %j', (line, message) => {
    expect(() => splitCommand(line)).toThrow(SplitError);
    expect(() => splitCommand(line)).toThrow(message);
  });
});
