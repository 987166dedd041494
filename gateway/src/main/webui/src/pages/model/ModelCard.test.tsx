import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { ModelCard } from './ModelCard';
import { safeUrl } from './CardMarkdown';
import { mockApi, problem, renderPage } from '../../test-utils';

const HOSTILE = [
  '# Evil card',
  '',
  'Hello <script>window.__pwned = true</script> world.',
  '',
  '<img src="x" onerror="window.__pwned = true">',
  '',
  '[click me](javascript:alert(1)) and [also](JAVASCRIPT:alert(2)) and [data](data:text/html,<b>x</b>)',
  '',
  '[docs](https://example.com/docs) [license](LICENSE) [top](#evil-card)',
  '',
  '| GPU | Fits |',
  '|---|---|',
  '| L4 | yes |',
  '',
  '![logo](https://example.com/logo.png) ![local](./local.png)',
].join('\n');

function card(markdown: string, extra: Record<string, unknown> = {}) {
  return { id: 'acme/evil', revision: 'main', markdown, sizeBytes: markdown.length, truncated: false, ...extra };
}

describe('Model card', () => {
  it('renders the Markdown without scripts, raw HTML or javascript: links', async () => {
    mockApi({ 'GET /api/v1/models/acme/evil/readme': () => card(HOSTILE) });
    const { container } = renderPage(<ModelCard org="acme" name="evil" />);
    expect(await screen.findByRole('heading', { name: 'Evil card', level: 3 })).toBeInTheDocument();
    const body = screen.getByTestId('model-card');
    expect(body.querySelector('script')).toBeNull();
    expect(container.innerHTML).not.toContain('<script');
    expect(container.innerHTML).not.toContain('onerror');
    expect(container.innerHTML.toLowerCase()).not.toContain('javascript:');
    expect(container.innerHTML).not.toContain('data:text/html');
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    // The link texts stay, as plain text.
    expect(screen.getByText('click me').closest('a')).toBeNull();
    expect(screen.getByText('also').closest('a')).toBeNull();
    expect(screen.getByText('data').closest('a')).toBeNull();
    // Safe links open elsewhere without the opener or a referrer.
    const docs = screen.getByRole('link', { name: 'docs' });
    expect(docs).toHaveAttribute('href', 'https://example.com/docs');
    expect(docs).toHaveAttribute('rel', 'noopener noreferrer');
    expect(docs).toHaveAttribute('target', '_blank');
    expect(screen.getByText('license').closest('a')).toBeNull();
    expect(screen.getByRole('link', { name: 'top' })).toHaveAttribute('href', '#evil-card');
    // GitHub tables render; only https images load.
    expect(screen.getByRole('cell', { name: 'L4' })).toBeInTheDocument();
    const images = body.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]).toHaveAttribute('src', 'https://example.com/logo.png');
    expect(images[0]).toHaveAttribute('referrerpolicy', 'no-referrer');
    expect(screen.getByText('[local]')).toBeInTheDocument();
  });

  it('shows the front matter apart and says when the card was cut', async () => {
    mockApi({
      'GET /api/v1/models/acme/big/readme': () =>
        card('# Big', { id: 'acme/big', truncated: true, frontMatter: 'license: mit\n' }),
    });
    renderPage(<ModelCard org="acme" name="big" />);
    expect(await screen.findByText(/longer than 512 KiB/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Card metadata/ })).toBeInTheDocument();
  });

  it('says there is no card on a 404 and shows the detail of other problems', async () => {
    mockApi({
      'GET /api/v1/models/acme/none/readme': () => problem(404, 'The file README.md does not exist in acme/none'),
      'GET /api/v1/models/acme/gated/readme': () => problem(403, 'acme/gated is gated or private: accept its license'),
    });
    renderPage(<ModelCard org="acme" name="none" />);
    expect(await screen.findByText('No model card')).toBeInTheDocument();
    renderPage(<ModelCard org="acme" name="gated" />);
    expect(await screen.findByText(/accept its license/)).toBeInTheDocument();
  });
});

describe('safeUrl', () => {
  it('drops script URLs whatever their case or padding', () => {
    expect(safeUrl(' javascript:alert(1)', 'a', 'href')).toBeNull();
    expect(safeUrl('JaVaScRiPt:alert(1)', 'a', 'href')).toBeNull();
    expect(safeUrl('vbscript:x', 'a', 'href')).toBeNull();
    expect(safeUrl('https://huggingface.co', 'a', 'href')).toBe('https://huggingface.co');
    expect(safeUrl(undefined, 'img', 'src')).toBeNull();
  });
});
