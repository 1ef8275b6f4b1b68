//! Every tunable of metadata collection in one table, each with why it has its value.
//! Rules are general: none names a site, domain or benchmark page.

/// Share of a publisher title's words (`og:title`, JSON-LD) that must recur in `<title>`
/// for the two to count as the same headline written twice (`Seven secrets …` and
/// `The seven secrets … | Site`). Below it, and when only `<title>` is borne out by a
/// heading, the publisher title is a site-wide default and `<title>` is used instead.
pub const SAME_TITLE_SHARE: f64 = 0.5;

/// A first paragraph at least this heavy (`TextStats::weight`, one CJK character weighs
/// 3) is the excerpt when the page has no description: about a line of text, more than
/// a label or a kicker.
pub const EXCERPT_MIN_WEIGHT: u32 = 40;
/// A lighter first paragraph is still the excerpt when it is a sentence of at least this
/// many words ending in sentence punctuation (`Lorem ipsum dolor sit amet.`); fewer words
/// are a label (`Read more.`).
pub const EXCERPT_SENTENCE_MIN_WORDS: usize = 3;

/// A title part confirmed as the site's name only by the host or a home link (not by
/// `og:site_name`), or a trailing ` | ` part without any confirmation, is dropped when it
/// has at most this many words: a site's name is a few words, a longer part is a
/// headline or a subtitle.
pub const MAX_SITE_WORDS: usize = 4;

/// A publisher title's last ` | ` part goes without other evidence only when what is left
/// has at least this many words: `Docs | Example` is a label and a site, not a headline.
pub const MIN_HEADLINE_WORDS: usize = 3;
