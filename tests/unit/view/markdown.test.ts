import { describe, expect, it } from 'vitest';
import { isSafeNoteUrl, renderNotes } from '../../../src/lib/view/markdown.js';

describe('renderNotes', () => {
  it('renders Markdown and demotes headings under the page h2', async () => {
    const html = await renderNotes('# Note\n\nSome **bold** text and a [link](https://example.org/a).');
    expect(html).toContain('<h3');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('href="https://example.org/a"');
  });

  it('drops raw HTML, script and event handlers, and unsafe link schemes', async () => {
    const html = await renderNotes(
      'x <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick="x">raw</div>\n\n[a](javascript:alert(1)) [b](data:text/html,hi) ![i](vbscript:x)',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|<div|javascript:|data:text|vbscript:/i);
  });

  it('returns an empty string for an empty body', async () => {
    expect(await renderNotes('  \n')).toBe('');
  });
});

describe('isSafeNoteUrl', () => {
  it('keeps http(s), mailto, relative and fragment URLs only', () => {
    for (const ok of ['https://a.b', 'http://a.b', 'mailto:x@y.z', '/servers/', '../x', '#faq', '?q=1']) expect(isSafeNoteUrl(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JavaScript:x', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x']) expect(isSafeNoteUrl(bad)).toBe(false);
  });
});
