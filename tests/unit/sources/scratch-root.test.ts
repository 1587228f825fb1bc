/**
 * The default scratch root lies outside the working tree, in a folder of this user only: a server
 * that looks upward from its working directory for a project root must not find the user's project.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultScratchRoot } from '../../../src/lib/sources/index.js';

const saved = process.env['TMPDIR'];
const made: string[] = [];
function freshTmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scratch-root-'));
  made.push(dir);
  process.env['TMPDIR'] = dir;
  return dir;
}
afterEach(() => {
  if (saved === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = saved;
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';

describe('defaultScratchRoot', () => {
  it('is under the OS temp folder, not under the working directory, in a private folder of this user', () => {
    const tmp = freshTmp();
    const root = defaultScratchRoot();
    expect(relative(tmp, root).startsWith('..')).toBe(false);
    expect(relative(process.cwd(), root).startsWith('..')).toBe(true);
    expect(root.endsWith(join('sources'))).toBe(true);
    if (posix) {
      const st = statSync(join(root, '..'));
      expect(st.uid).toBe(process.getuid!());
      expect(st.mode & 0o777).toBe(0o700);
    }
    // The same folder again: it is reused, not refused.
    expect(defaultScratchRoot()).toBe(root);
  });

  it.runIf(posix)('refuses a per-user folder that is a link somewhere else', () => {
    const tmp = freshTmp();
    const elsewhere = join(tmp, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(tmp, `mcp-risk-${process.getuid!()}`));
    expect(() => defaultScratchRoot()).toThrow(/scratch: the default scratch folder is not a folder of this user; pass --scratch DIR/);
  });
});
