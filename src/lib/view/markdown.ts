/**
 * Renders the human-owned Markdown body of a tool file (editorial notes) with Astro's own Markdown
 * pipeline (`@astrojs/markdown-remark`, which ships with astro). Raw HTML in the Markdown is dropped,
 * links and images keep only http(s), relative or fragment URLs, and headings are demoted so they
 * nest under the page's own `h2`. One processor is created per build and reused.
 */
import { createMarkdownProcessor, type MarkdownProcessor } from '@astrojs/markdown-remark';

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const URL_PROPS = ['href', 'src', 'cite', 'action', 'formAction', 'poster', 'srcSet'];

/** True for URLs that may stay in rendered notes: http(s), mailto, relative, fragment. */
export function isSafeNoteUrl(url: string): boolean {
  const u = url.trim();
  if (/^(https?:|mailto:)/i.test(u)) return true;
  // No scheme at all (relative path, query or fragment). A colon before any / ? # means a scheme.
  return !/^[^/?#]*:/.test(u);
}

/** Rehype transform: strips unsafe URLs, event-handler attributes, and demotes headings by two. */
function rehypeSafeNotes() {
  return (tree: HastNode): void => {
    const walk = (node: HastNode): void => {
      if (node.type === 'element' && node.properties) {
        for (const key of Object.keys(node.properties)) {
          if (/^on/i.test(key)) delete node.properties[key];
          else if (URL_PROPS.includes(key)) {
            const v = node.properties[key];
            const s = Array.isArray(v) ? v.join(' ') : String(v);
            if (!isSafeNoteUrl(s)) delete node.properties[key];
          }
        }
        const m = node.tagName ? /^h([1-6])$/.exec(node.tagName) : null;
        if (m) node.tagName = `h${Math.min(6, Number(m[1]) + 2)}`;
        if (node.tagName === 'a' && node.properties.href) node.properties.rel = ['nofollow', 'noopener'];
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

let processor: Promise<MarkdownProcessor> | undefined;

/** HTML for a Markdown body; empty string for an empty body. Safe to insert as HTML. */
export async function renderNotes(markdown: string): Promise<string> {
  if (!markdown.trim()) return '';
  processor ??= createMarkdownProcessor({
    syntaxHighlight: false,
    smartypants: false,
    remarkRehype: { allowDangerousHtml: false },
    rehypePlugins: [rehypeSafeNotes],
  });
  const out = await (await processor).render(markdown);
  return out.code;
}
