import { describe, expect, test } from 'vitest';
import { tokenize, words } from '../../../src/lib/classify/tokenize.js';

describe('tokenize', () => {
  test.each([
    ['BinanceOptionsDeleteListenKey', ['binance', 'options', 'delete', 'listen', 'key']],
    ['getHTTPResponse2', ['get', 'http', 'response', '2']],
    ['get_file_info', ['get', 'file', 'info']],
    ['browser-navigate', ['browser', 'navigate']],
    ['fs.readFile', ['fs', 'read', 'file']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['mcp_DELETE_ALL', ['mcp', 'delete', 'all']],
    ['API-post-search', ['api', 'post', 'search']],
    ['v2Api', ['v', '2', 'api']],
    ['ID', ['id']],
    ['a__b--c..d  e', ['a', 'b', 'c', 'd', 'e']],
    ['ÉcrireFichier', ['écrire', 'fichier']],
    ['读取文件', ['读取文件']],
    ['', []],
    ['___', []],
  ])('%s', (name, expected) => {
    expect(tokenize(name)).toEqual(expected);
  });

  test('caps the number of tokens of a huge name', () => {
    expect(tokenize('aB'.repeat(100_000))).toHaveLength(64);
    expect(tokenize('a_b_c_d', 2)).toEqual(['a', 'b']);
  });
});

describe('words', () => {
  test.each([
    ['Close/delete an options listen key.', ['close', 'delete', 'an', 'options', 'listen', 'key']],
    ['Get 24hr stats!', ['get', '24hr', 'stats']],
    ["Don't tell the user", ['don', 't', 'tell', 'the', 'user']],
    ['  ', []],
  ])('%s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  test('stops after maxWords', () => {
    expect(words('one two three four', 2)).toEqual(['one', 'two']);
  });
});
