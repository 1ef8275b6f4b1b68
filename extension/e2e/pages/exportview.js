// The export viewer of the XSS run (extension/e2e/xss.mjs), a test page served without a
// CSP: the Markdown exports are rendered the way a permissive Markdown tool would
// (markdown-it with raw HTML on, GFM footnotes as the export writes them), and the JSON
// export with the reader's own render.js outside the extension's CSP. Anything either
// lets through runs here, beacons, and is counted. `unsafeSink` is the positive control:
// the same JSON's text put into innerHTML, a deliberately unsafe sink that must execute
// the payloads whose text is markup.
import markdownit from '/static/markdown-it.mjs';
import footnote from '/static/markdown-it-footnote.mjs';
import { Renderer } from '/static/reader/render.js';
import { domFindings } from '/static/e2e/xss-oracle.mjs';

// The export's dialect (CommonMark + GFM tables, strikethrough, footnotes), raw HTML on.
const md = markdownit({ html: true, linkify: true }).use(footnote);

function renderMarkdown(id, text) {
  const box = document.getElementById(id);
  box.innerHTML = md.render(text ?? '');
  return domFindings(box, 'export').map((f) => `${id}: ${f}`);
}

window.renderExports = ({ markdown, markdownFrontMatter, json }) => {
  const findings = [...renderMarkdown('md', markdown), ...renderMarkdown('md-fm', markdownFrontMatter)];
  const box = document.getElementById('json');
  const article = JSON.parse(json);
  box.replaceChildren(new Renderer({}).blocks(article.blocks, document.createElement('div')));
  findings.push(...domFindings(box, 'export').map((f) => `json: ${f}`));
  return findings;
};

/** Every string of the JSON under `text`, `alt` or `title`, through innerHTML. */
window.unsafeSink = (json) => {
  const strings = [];
  const walk = (v, key) => {
    if (typeof v === 'string') {
      if (['text', 'alt', 'title', 'tex'].includes(key)) strings.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(JSON.parse(json).blocks, '');
  document.getElementById('sink').innerHTML = strings.join('<br>');
  return strings.length;
};

/** Raw Markdown HTML through markdown-it: the Markdown sink's positive control. */
window.renderRawMarkdown = (text) => renderMarkdown('md', text);

document.documentElement.dataset.ready = '1';
