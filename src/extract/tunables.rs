//! Every tunable of content extraction in one table, each with why it has its value.
//! Rules are general: none names a site, domain or benchmark page.

/// Paragraph-like blocks lighter than this (in `TextStats::weight` units, where one
/// CJK character weighs 3) contribute no score: captions, buttons, labels.
pub const MIN_PARAGRAPH_WEIGHT: u32 = 25;
/// Score per full 100 weight units of a paragraph, capped (long text is good, but one
/// huge block should not outvote structure).
pub const LENGTH_BONUS_CAP: f64 = 3.0;
/// How many ancestor levels receive a paragraph's score (parent full, grandparent half,
/// then divided by 3×level).
pub const SCORE_ANCESTOR_LEVELS: usize = 5;
/// Class/id hint weight (positive: article/content/body…, negative: comment/sidebar…).
pub const CLASS_WEIGHT: f64 = 25.0;
/// Siblings of the top candidate scoring above this share of its score are merged in.
pub const SIBLING_SCORE_SHARE: f64 = 0.2;
/// Absolute floor for merging a sibling by score.
pub const SIBLING_MIN_SCORE: f64 = 10.0;
/// A sibling paragraph longer than this with low link density is article text.
pub const SIBLING_PARAGRAPH_WEIGHT: u32 = 80;
/// Link density allowed for such a long sibling paragraph.
pub const SIBLING_MAX_LINK_DENSITY: f64 = 0.25;
/// When the chosen content is lighter than this, retry with looser rules (no removal of
/// unlikely candidates, then no class weights, then no conditional cleaning).
pub const RETRY_MIN_WEIGHT: u32 = 500;
/// … but a looser attempt that is mostly comment thread does not replace a stricter
/// selection that kept the page's `<h1>` and at least this much text (a short post with
/// its headline, above its comments; a forum's strict selection keeps no headline, or
/// only a stray line) …
pub const HEADLINED_POST_MIN_WEIGHT: u32 = 200;
/// … "mostly": more than this share of its weight under a discussion class.
pub const HEADLINED_POST_THREAD_SHARE: f64 = 0.5;
/// Ancestors of the top candidate whose score is at least this share of it are
/// considered the same article container (Readability's alternative-ancestor rule).
pub const ALT_ANCESTOR_SHARE: f64 = 0.75;
/// How many of the top candidates must share an ancestor for it to win.
pub const ALT_ANCESTOR_MIN: usize = 3;
/// Conditional cleaning: containers with fewer clause separators than this are judged
/// by their structure (links, images, list items, inputs).
pub const CLEAN_MIN_COMMAS: u32 = 10;
/// Conditional cleaning: a light container with link density above this is navigation.
pub const CLEAN_LINK_DENSITY_LIGHT: f64 = 0.2;
/// … and a heavy (positively hinted) one above this.
pub const CLEAN_LINK_DENSITY_HEAVY: f64 = 0.5;
/// Conditional cleaning: a block with fewer `<p>` than half its images is an image
/// gallery only while its text outside links stays under this weight per image (a
/// forum post written with `<br>` beside an avatar and reaction icons has more).
pub const GALLERY_MAX_TEXT_PER_IMAGE: f64 = 120.0;
/// … and only while lighter than this: a grid of icon cards or product tiles, each with
/// its image and a few lines, is a section of the page, judged like any other container.
pub const GALLERY_MAX_WEIGHT: u32 = 300;
/// A JSON-LD `Product.description` (`build::product`) shorter than this many words is a
/// tagline, not worth adding when the page does not show it.
pub const PRODUCT_DESCRIPTION_MIN_WORDS: usize = 12;
/// … and it is added only when fewer than this share of its words are in the extracted
/// text (the page shows its own version otherwise).
pub const PRODUCT_DESCRIPTION_SHOWN_SHARE: f64 = 0.6;
/// A page with more top-level JSON-LD `Product` objects than this is a listing or a
/// buying guide, not one product's page (`Meta::product_page`, whose reviews and
/// carousels are furniture).
pub const MAX_PAGE_PRODUCTS: usize = 2;
/// Boilerplate phrases only remove blocks shorter than this weight: a long paragraph
/// that mentions "share" or "版权所有" is still prose.
pub const BOILERPLATE_MAX_WEIGHT: u32 = 200;
/// A block with a `widget` class is furniture only when more than this share of its text
/// is links (`score::is_link_widget`): sidebars' recent-posts and featured-stories lists
/// are; page builders' text widgets, which hold the article itself, are not.
pub const WIDGET_MAX_LINK_DENSITY: f64 = 0.5;
/// Work budget units charged per node visit in each pass.
pub const WORK_PER_NODE: u64 = 1;
/// The chosen container holds less than this share of the page's prose (low-link
/// paragraphs outside furniture): look for a better ancestor (`select::climb_to_prose`).
pub const PROSE_CLIMB_BELOW: f64 = 0.6;
/// … the nearest ancestor holding at least this share of it, below `<body>`.
pub const PROSE_CLIMB_TARGET: f64 = 0.7;
/// … and only when that ancestor's prose is spread over this many children …
pub const PROSE_CLIMB_MIN_SECTIONS: usize = 3;
/// … each holding at least this share of it (sections of one article, not the article
/// next to one big comment thread or teaser column).
pub const PROSE_CLIMB_SECTION_SHARE: f64 = 0.05;
/// Trailing furniture (`build::tail`) may take at most this share of the article's text:
/// a short article made of links keeps them.
pub const TAIL_MAX_SHARE: f64 = 0.3;
/// A trailing list whose items all hold a link, with at least this share of its text in
/// links, is a list of other stories.
pub const TAIL_LINK_SHARE: f64 = 0.5;
/// A trailing paragraph with a promotion or credit phrase (newsletter, follow us,
/// reporting by) is furniture only when shorter than this (non-space characters).
pub const TAIL_PROMO_MAX_CHARS: usize = 300;
/// Pages without prose (`dominant`): tried when the scored selection is lighter than
/// this (a page of short items yields a stray paragraph or two).
pub const DOMINANT_BELOW_WEIGHT: u32 = 1500;
/// … descend from `<body>` while one child holds at least
/// this share of its parent's text outside furniture.
pub const DOMINANT_SHARE: f64 = 0.6;
/// … and take that container only when it keeps this many times the weight of the
/// scored selection (a short article next to a big footer stays the short article).
pub const DOMINANT_MIN_GAIN: f64 = 3.0;
/// … and, when the scored selection has some substance (`RETRY_MIN_WEIGHT`), only when
/// at most this share of the container's text is links (more is a menu or a docs
/// sidebar beside a short page; listing tiles carry prices, dates, blurbs).
pub const DOMINANT_MAX_LINK_DENSITY: f64 = 0.75;
/// … but when the strict reading is light and the fallback's container holds at least
/// this many priced tiles of one tag (`dominant::holds_priced_tiles`), the fallback wins
/// over the looser readings as soon as it outweighs the strict one: a shop's category
/// page, whose looser readings take a promotion bar or a menu.
pub const PRICED_TILES_MIN: usize = 4;
/// A hover card or tooltip (`ClassHints::POPUP`) is removed only when lighter than this:
/// a container that happens to carry such a class and holds the article stays.
pub const POPUP_MAX_WEIGHT: u32 = 1000;
/// … and only when it holds more than a label: a text-only card of at most this weight
/// is a visible badge or button caption (`Star 194k`, `Add to cart`), not a hidden card.
pub const POPUP_LABEL_MAX_WEIGHT: u32 = 20;
/// Rising-score climb (`select::top_candidate`, Readability's rule): ancestors of the top
/// candidate are looked at while they score at least this share of it …
pub const RISING_SCORE_FLOOR: f64 = 1.0 / 3.0;
/// … up to this many levels.
pub const RISING_SCORE_LEVELS: usize = 8;
/// A photo credit cut from the end of a caption (`build::credits`) is at most this many
/// characters (`(Photo by Kevin Mazur/Getty Images for Ithaca Holdings)`); a longer
/// bracket is an aside of the author.
pub const CAPTION_CREDIT_MAX_CHARS: usize = 70;
/// A dateline row (`build::datelines`: `Updated Nov. 19, 2019 8:21 am ET`) is at most
/// this many characters; longer text with a date is prose.
pub const DATELINE_MAX_CHARS: usize = 120;
/// … and is looked for only in the first this many blocks …
pub const DATELINE_LEAD_BLOCKS: usize = 4;
/// … and the last this many (metadata sits above or under the story, not inside it).
pub const DATELINE_TAIL_BLOCKS: usize = 2;
/// Repeated structure (`repeat`): a parent with at least this many element children of
/// one tag and class signature holds listing items (rows, tiles, entries) …
pub const REPEAT_MIN_ITEMS: u32 = 4;
/// … that together hold at least this share of the cleaned container's text (teasers
/// under an article are a small part of it; a listing's items are most of it) …
pub const REPEAT_MIN_SHARE: f64 = 0.15;
/// … and a run holding at least this share is the listing the container is made of: the
/// parts inside its items (title lines, linked bylines) are spared too.
pub const REPEAT_WHOLE_SHARE: f64 = 0.5;
/// … which conditional cleaning keeps while at most this share of their text is links
/// (more is a menu or a tag cloud, repeated too).
pub const REPEAT_MAX_LINK_DENSITY: f64 = 0.8;
