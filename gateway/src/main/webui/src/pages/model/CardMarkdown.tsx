// The model card's Markdown renderer (GitHub-flavoured: tables, task lists, strikethrough), in
// its own chunk (react-markdown, remark-gfm, DOMPurify): loaded only
// when a model page shows a card. A README is untrusted text from the Hub: raw HTML in it is
// dropped (never parsed into the DOM), URLs must pass react-markdown's protocol allow-list and
// DOMPurify's attribute check (no javascript:, vbscript:, data: links), links open with
// rel="noopener noreferrer", and images load only from https without a referrer.
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import DOMPurify from 'dompurify';
import remarkGfm from 'remark-gfm';

/** A URL safe to put in `attr` of `tag`, or null when it must not reach the DOM. */
export function safeUrl(url: string | undefined, tag: 'a' | 'img', attr: 'href' | 'src'): string | null {
  if (!url) return null;
  const allowed = defaultUrlTransform(url.trim());
  if (!allowed || !DOMPurify.isValidAttribute(tag, attr, allowed)) return null;
  return allowed;
}

function absolute(url: string): boolean {
  return /^https?:\/\//i.test(url) || url.startsWith('mailto:');
}

// The page has its own h1 and h2s: the card's headings sit below them.
const shift = (level: number) => {
  const Tag = `h${Math.min(level + 2, 6)}` as 'h3';
  return function Heading({ children }: { children?: React.ReactNode }) {
    return <Tag>{children}</Tag>;
  };
};

const components: Components = {
  h1: shift(1),
  h2: shift(2),
  h3: shift(3),
  h4: shift(4),
  h5: shift(5),
  h6: shift(6),
  a({ href, children }) {
    const url = safeUrl(href, 'a', 'href');
    if (url === null) return <span>{children}</span>;
    if (url.startsWith('#')) return <a href={url}>{children}</a>;
    // Paths relative to the repository would resolve against the console: shown as text.
    if (!absolute(url)) return <span>{children}</span>;
    return (
      <a href={url} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  },
  img({ src, alt }) {
    const url = typeof src === 'string' ? safeUrl(src, 'img', 'src') : null;
    if (url === null || !/^https:\/\//i.test(url)) return alt ? <span>[{alt}]</span> : null;
    return <img src={url} alt={alt ?? ''} loading="lazy" referrerPolicy="no-referrer" style={{ maxWidth: '100%' }} />;
  },
};

export default function CardMarkdown({ markdown }: { markdown: string }) {
  return (
    <Markdown skipHtml remarkPlugins={[remarkGfm]} urlTransform={(url) => url} components={components}>
      {markdown}
    </Markdown>
  );
}
