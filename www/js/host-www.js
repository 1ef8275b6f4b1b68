// The reader's host on the web site (the extension's is extension/reader/host-extension.js):
// translations from the extension's `_locales/` (fetched from the site) with the site's
// own wording on top, settings in this site's localStorage, clipboard and downloads from
// extension/shared/io.js. Nothing here talks to any other origin.
import { copyText, download } from '../shared/io.js';
import { SITE_MESSAGES } from './messages.js';

const SETTINGS_KEY = 'readmark.readerSettings';

/** `zh_CN` for Chinese UIs, else `en` (the locales the extension ships). */
export function uiLocale(langs = navigator.languages ?? [navigator.language]) {
  return /^zh\b/i.test(langs.find(Boolean) ?? '') ? 'zh_CN' : 'en';
}

async function loadLocale(locale) {
  try {
    const res = await fetch(new URL(`../_locales/${locale}/messages.json`, import.meta.url));
    return res.ok ? await res.json() : {};
  } catch {
    return {};
  }
}

/** Fill `$1`, `$2` … like `chrome.i18n.getMessage`. */
export function substitute(message, subs) {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return message.replace(/\$(\d)/g, (_, i) => String(list[Number(i) - 1] ?? ''));
}

export async function createWwwHost() {
  const locale = uiLocale();
  const [messages, fallback] = await Promise.all([
    loadLocale(locale),
    locale === 'en' ? Promise.resolve(null) : loadLocale('en'),
  ]);
  const site = { ...SITE_MESSAGES.en, ...SITE_MESSAGES[locale] };
  const t = (key, subs) => {
    const m = site[key] ?? messages[key]?.message ?? fallback?.[key]?.message;
    return m ? substitute(m, subs) : '';
  };
  return {
    t,
    locale,
    uiLang: locale === 'zh_CN' ? 'zh-CN' : navigator.language || 'en',
    loadSettings: async () => {
      try {
        return JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') ?? {};
      } catch {
        return {};
      }
    },
    saveSettings: async (s) => {
      try {
        localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
      } catch {
        /* storage disabled: settings last for this page only */
      }
    },
    copyText,
    download,
  };
}
