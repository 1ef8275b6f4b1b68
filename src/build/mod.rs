//! Selection → [`Article`]: blocks from the chosen subtrees, post-processing, and the
//! metadata fallbacks that need the article itself (lang/dir by script, excerpt from the
//! first paragraph, lead image, word count and reading time).

pub mod blocks;
pub mod credits;
pub mod datelines;
pub mod echoes;
pub mod footnotes;
pub mod inserts;
pub mod post;
pub mod product;
pub mod repeats;
pub mod special;
pub mod tail;
#[cfg(test)]
mod test_blocks;
pub mod urls;

use crate::dom::Doc;
use crate::extract::Selection;
use crate::meta::Meta;
use crate::model::{Article, Block, Dir, Removed};
use crate::text::script::{dominant_script, Script};
use crate::{Error, Options};

fn lang_of_script(s: Script) -> Option<&'static str> {
    match s {
        Script::Han => Some("zh"),
        Script::Kana => Some("ja"),
        Script::Hangul => Some("ko"),
        Script::Arabic => Some("ar"),
        Script::Hebrew => Some("he"),
        _ => None,
    }
}

fn is_rtl_lang(l: &str) -> bool {
    let p = l
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        p.as_str(),
        "ar" | "he" | "iw" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "ckb" | "dv"
    )
}

fn first_image(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Figure { images, .. } => images.first().map(|i| i.src.clone()),
        _ => None,
    })
}

/// Build the article.
pub fn article(doc: &Doc, meta: Meta, sel: &Selection, opts: &Options) -> Result<Article, Error> {
    let mut b = blocks::Builder::new(doc, sel, opts.limits.max_model_depth);
    for &r in &sel.roots {
        b.add_subtree(r);
    }
    if b.work > opts.limits.work_budget {
        return Err(Error::WorkBudgetExceeded {
            limit: opts.limits.work_budget,
        });
    }
    let raw = b.finish();
    let mut removed = Vec::new();
    if opts.explain {
        for (id, reason) in &sel.reasons {
            let text = crate::text::normalize_space(&doc.text_of(*id));
            if !text.is_empty() {
                removed.push(Removed {
                    reason: (*reason).to_string(),
                    text: text.chars().take(200).collect(),
                });
            }
        }
    }
    let blocks = post::process(raw, meta.title.as_deref(), &mut removed, opts.explain);
    let product_description = meta.product_description;
    if blocks.is_empty() {
        return Err(Error::NoContent);
    }
    let mut a = Article {
        url: meta.url,
        title: meta.title,
        author: meta.author,
        published: meta.published,
        modified: meta.modified,
        site_name: meta.site_name,
        lang: meta.lang,
        dir: None,
        excerpt: meta.excerpt,
        image: meta.image,
        word_count: 0,
        reading_minutes: 0,
        blocks,
        removed,
    };
    let mut text = crate::render::to_text(&a);
    if let Some(desc) = product_description.as_deref() {
        let extra = product::missing_description(desc, &text);
        if !extra.is_empty() {
            a.blocks.splice(0..0, extra);
            text = crate::render::to_text(&a);
        }
    }
    let script = dominant_script(&text);
    if a.lang.is_none() {
        a.lang = script.and_then(lang_of_script).map(str::to_string);
    }
    // The content's own direction (its nearest `dir`) before the document's.
    let declared_dir = crate::meta::from_content::dir(doc, &sel.roots).or(meta.dir.as_deref());
    let rtl = match declared_dir {
        Some("rtl") => true,
        Some(_) => false,
        None => {
            a.lang.as_deref().is_some_and(is_rtl_lang)
                || matches!(script, Some(Script::Arabic | Script::Hebrew))
        }
    };
    a.dir = Some(if rtl { Dir::Rtl } else { Dir::Ltr });
    if a.excerpt.is_none() {
        a.excerpt = crate::meta::from_content::excerpt(&a.blocks, post::inline_text)
            .map(|t| truncate_words(&t, 2000));
    }
    if a.image.is_none() {
        a.image = first_image(&a.blocks);
    }
    a.word_count = crate::text::word_count(&text);
    a.reading_minutes = crate::text::reading_minutes(&text);
    Ok(a)
}

/// Cut at a character boundary near `max` bytes, adding an ellipsis.
fn truncate_words(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &s[..end];
    let cut = match cut.rfind(' ') {
        Some(sp) if sp > max / 2 => &cut[..sp],
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}
