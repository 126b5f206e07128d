import { describe, expect, it } from 'vitest';
import { escapeHtml, html, page, trustedHtml } from '../../src/sandbox/html.js';

describe('the sandbox HTML builder', () => {
  it('escapes the characters that open markup, attributes or template literals', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('escapes every interpolated value, in text and in attributes', () => {
    const name = '<script>alert(1)</script>';
    const title = '" onmouseover="alert(1)';
    expect(html`<p title="${title}">${name}</p>`.value).toBe(
      '<p title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('keeps nested fragments as built, escapes arrays item by item and drops null, undefined and false', () => {
    const items = ['<b>', html`<i>${'&'}</i>`];
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe(
      '<ul>&lt;b&gt;<i>&amp;</i></ul>0',
    );
  });

  it('renders trusted markup raw (Scripts API tags only)', () => {
    expect(html`${trustedHtml('<script>window.tag = 1;</script>')}`.value).toBe(
      '<script>window.tag = 1;</script>',
    );
  });

  it('escapes the page title', () => {
    const out = page('</title><script>alert(1)</script>', html`<main></main>`);
    expect(out).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(out).not.toContain('<script>alert(1)</script>');
  });
});
