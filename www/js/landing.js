import './offline.js';

// The landing page: a click on the bookmarklet here would only read this page, so say
// how to use it instead (dragging it still works: drag does not fire `click`).
const link = document.getElementById('bookmarklet-link');
const hint = document.getElementById('bookmarklet-hint');
link?.addEventListener('click', (e) => {
  e.preventDefault();
  if (hint) hint.textContent = 'Drag this button to your bookmarks bar, then click it there on the page you want to read.';
});
