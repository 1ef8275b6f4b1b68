// The site's own UI text, and the reader messages whose extension wording does not fit
// the site (the extension's `_locales/` are used for everything else). Same shape as
// `_locales/*/messages.json` entries: `$1` is the first substitution.

export const SITE_MESSAGES = {
  en: {
    error_no_content: 'No article was found on this page. Select the text you want and click the bookmarklet again.',
    error_no_selection: 'Nothing is selected. Select some text on the page first.',
    error_snapshot_failed: 'The page could not be handed over ($1). Reload the page and click the bookmarklet again.',
    readerWaiting: 'Waiting for the page… (it is sent by the Readmark bookmarklet)',
    readerReading: 'Reading the page…',
    readerNoOpener: 'This page shows the article that the Readmark bookmarklet sends. Drag the bookmarklet from the Readmark home page to your bookmarks bar, then click it on the page you want to read.',
    readerTimeout: 'No page arrived. Click the Readmark bookmarklet on the page you want to read (and allow pop-ups for that site if your browser asks).',
    readerHome: 'Readmark home',
    readerWholePage: 'Read the whole page instead',
    engineFailed: 'The Readmark engine could not start in this browser ($1).',
  },
  zh_CN: {
    error_no_content: '此页面中没有找到文章。请选中要导出的文字，然后再次点击书签小工具。',
    error_no_selection: '没有选中任何内容。请先在页面上选择文字。',
    error_snapshot_failed: '无法传递页面（$1）。请刷新页面后再次点击书签小工具。',
    readerWaiting: '正在等待页面……（由 Readmark 书签小工具发送）',
    readerReading: '正在读取页面……',
    readerNoOpener: '此页面显示 Readmark 书签小工具发送的文章。请从 Readmark 首页把书签小工具拖到书签栏，然后在要阅读的页面上点击它。',
    readerTimeout: '没有收到页面。请在要阅读的页面上点击 Readmark 书签小工具（如果浏览器询问，请允许该网站弹出窗口）。',
    readerHome: 'Readmark 首页',
    readerWholePage: '改为阅读整个页面',
    engineFailed: 'Readmark 引擎无法在此浏览器中启动（$1）。',
  },
};
