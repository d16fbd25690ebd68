/**
 * Story bodies → sanitized HTML. Plain-text paragraphs are escaped text; Markdown
 * paragraphs go through remark-html with a sanitize schema. Raw HTML in a seed
 * is shown as text, links keep only http(s) and mailto targets, and images
 * become their alt text (a seed must not load anything from elsewhere).
 */
import { escapeHtml } from '../escape.ts';
import type { Link, Paragraph, PhrasingContent, Root } from 'mdast';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import remarkHtml from 'remark-html';
import { unified } from 'unified';


const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

const schema: Schema = {
  ...defaultSchema,
  tagNames: ['a', 'em', 'strong', 'code', 'del', 'br', 'p', 'sub', 'sup'],
  protocols: { href: ['http', 'https', 'mailto'] },
  attributes: { a: ['href', 'title'] },
  clobberPrefix: 'user-content-',
};

const compiler = unified().use(remarkHtml, { sanitize: schema });

function inertChildren(children: readonly PhrasingContent[]): PhrasingContent[] {
  return children.flatMap((node): PhrasingContent[] => {
    switch (node.type) {
      case 'html':
        return [{ type: 'text', value: node.value }];
      case 'image':
      case 'imageReference':
        return node.alt ? [{ type: 'text', value: node.alt }] : [];
      case 'link':
        return SAFE_URL.test(node.url.trim())
          ? [{ ...node, url: node.url.trim(), children: inertChildren(node.children) } as Link]
          : inertChildren(node.children);
      case 'linkReference':
      case 'emphasis':
      case 'strong':
      case 'delete':
        return node.type === 'linkReference' ? inertChildren(node.children) : [{ ...node, children: inertChildren(node.children) } as PhrasingContent];
      default:
        return [node];
    }
  });
}

/** One `<p>` a paragraph. `children` is empty for plain-text paragraphs. */
export function paragraphsToHtml(paragraphs: readonly { readonly text: string; readonly children: readonly PhrasingContent[] }[]): string {
  const plain = paragraphs.every((p) => p.children.length === 0 || p.children.every((child) => child.type === 'text'));
  if (plain) return paragraphs.map((p) => `<p>${escapeHtml(p.text)}</p>`).join('\n');
  const root: Root = {
    type: 'root',
    children: paragraphs.map((p): Paragraph => ({
      type: 'paragraph',
      children: p.children.length === 0 ? [{ type: 'text', value: p.text }] : inertChildren(p.children),
    })),
  };
  return String(compiler.stringify(root)).trim();
}
