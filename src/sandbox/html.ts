/**
 * The one place the sandbox writes HTML from values: every page (storefront, control panel, mailbox,
 * the API gateway's error pages) is built with the `html` template tag, which escapes each interpolated
 * value through `escapeHtml` unless it is already `SafeHtml`, so merchant texts (product names, e-mail
 * subjects, app names, query strings echoed back) can never inject markup. The only raw markup is what
 * BigCommerce itself renders raw: script tags registered through the Scripts API (`trustedHtml`).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks trusted markup as safe: script tags registered through the Scripts API, and the pages' own CSS. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export function page(
  title: string,
  body: SafeHtml,
  extra: { head?: SafeHtml; footer?: SafeHtml } = {},
): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trustedHtml(BASE_CSS)}</style>
${extra.head}
</head>
<body>
${body}
${extra.footer}
</body>
</html>`.value;
}

const BASE_CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header.sandbox-banner{background:#34313f;color:#fff;padding:.4rem 1rem;font-size:.85rem}
header.sandbox-banner a{color:#ffd66b}
main{max-width:1100px;margin:0 auto;padding:1rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.4rem .5rem;text-align:left;vertical-align:top}
.button{display:inline-block;padding:.45rem .9rem;border:1px solid #444;background:#fff;cursor:pointer;text-decoration:none;color:#222;font:inherit}
.button--primary{background:#34313f;color:#fff}
.button[disabled],input[type=submit][disabled]{opacity:.5;cursor:not-allowed}
.productGrid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:1rem;list-style:none;padding:0}
.card{background:#fff;border:1px solid #ddd;padding:.8rem}
.alertBox{padding:.6rem;border:1px solid #c33;background:#fee;margin:.5rem 0}
.alertBox--success{border-color:#393;background:#efe}
.muted{color:#777}
.u-hiddenVisually{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.form-field{margin:.6rem 0}
.form-option{display:inline-block;border:1px solid #aaa;padding:.25rem .6rem;margin:.15rem;cursor:pointer;background:#fff}
.form-radio:checked+.form-option{border-color:#34313f;box-shadow:0 0 0 1px #34313f}
.form-increment{display:inline-flex;gap:.25rem}
.form-input--incrementTotal{width:3rem;text-align:center}
`;
