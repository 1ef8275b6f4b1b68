// Runs where the page's CSP allows scripts from 'self': adds a paragraph the way a
// client-rendered site does (the live DOM has it, the HTML source does not).
const p = document.createElement('p');
p.textContent = 'SCRIPT-ADDED: this paragraph was added by the page script after loading, and a live-DOM reader sees it.';
document.querySelector('article').append(p);
