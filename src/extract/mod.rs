//! Finding the main content: statistics → scores → top candidate + siblings → cleaning,
//! retried with looser rules when the result is too light (as Readability does).
//!
//! The output is a [`Selection`]: which subtrees form the article and which nodes inside
//! them were removed (with reasons). The DOM itself is never mutated.

pub mod boilerplate;
pub mod clean;
pub mod dominant;
pub mod hints;
mod repeat;
pub mod score;
pub mod select;
pub mod stats;
pub mod tunables;

use crate::dom::{Doc, NodeId};
use crate::meta::Meta;
use crate::{Error, Limits};
use score::Flags;

/// The parts of the page that make up the article.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Root subtrees of the article, in document order.
    pub roots: Vec<NodeId>,
    /// `removed[id]`: the node's subtree is not part of the article.
    pub removed: Vec<bool>,
    /// Why nodes were removed (for `--explain`).
    pub reasons: Vec<(NodeId, &'static str)>,
    pub stats: Vec<stats::NodeStats>,
}

/// Nodes kept out of scoring and content: furniture by tag/role (always) and by class/id
/// hint (unless `flags` relax it), and the metadata lines.
pub(crate) fn excluded_nodes(
    doc: &Doc,
    meta: &Meta,
    st: &[stats::NodeStats],
    flags: Flags,
) -> Vec<bool> {
    let n = doc.nodes.len();
    let mut excluded = vec![false; n];
    let body_weight = st[doc.body as usize].weight().max(1) as f64;
    for id in 0..n {
        let node = &doc.nodes[id];
        if node.parent.is_some_and(|p| excluded[p as usize]) {
            excluded[id] = true;
            continue;
        }
        if !node.is_element() {
            continue;
        }
        // On a product's page its reviews and carousels are furniture under every
        // flag set, like a `nav` (the page-wrapper exception below still holds).
        let structural = score::is_structural_furniture(doc, id as NodeId)
            || (meta.product_page && node.hints.has(hints::ClassHints::SHOP_EXTRA));
        // Consent banners and forum signatures, under every flag set too; but a page
        // wrapper whose class says a banner is showing (`cookie-banner-visible`) keeps
        // the exception below.
        let consent = node.hints.has(hints::ClassHints::ALWAYS_FURNITURE)
            && !matches!(node.tag(), "html" | "body");
        let furniture = structural
            || consent
            || (flags.strip_unlikely
                && (score::is_unlikely(doc, id as NodeId)
                    || score::is_link_widget(doc, id as NodeId, st)));
        // A wrapper holding most of the page is never furniture, whatever its class
        // says (`wy-grid-for-nav`). A list is items, not the wrapper of the page: a
        // gallery's `legends` list can outweigh the article around it. Under the strict
        // rules the exception does not hold for an `aside`/`nav`/`footer` by tag or
        // role either: a sidebar live feed can outweigh the article. The retry loop
        // relaxes both when nothing else is left.
        let page_wrapper = (st[id].weight() as f64) >= body_weight * 0.6
            && (!matches!(node.tag(), "ul" | "ol" | "dl") || !flags.strip_unlikely);
        // A consent banner can outweigh a thin page too: such a block is the wrapper of
        // the page only when it holds the page's headline or main element.
        let banner = consent && page_wrapper && !holds_page_landmark(doc, id as NodeId);
        excluded[id] = furniture
            && (!page_wrapper
                || banner
                || node.hints.has(hints::ClassHints::DISCUSSION)
                || (structural && flags.strip_unlikely));
    }
    for &m in &meta.meta_nodes {
        for d in doc.descendants(m) {
            excluded[d as usize] = true;
        }
    }
    excluded
}

/// Does the subtree hold an `<h1>`, `<main>` or `<article>`?
fn holds_page_landmark(doc: &Doc, id: NodeId) -> bool {
    doc.descendants(id)
        .any(|d| matches!(doc.node(d).tag(), "h1" | "main" | "article"))
}

/// Run selection with the given flags.
fn attempt(doc: &Doc, meta: &Meta, st: &[stats::NodeStats], flags: Flags) -> Selection {
    let n = doc.nodes.len();
    let excluded = excluded_nodes(doc, meta, st, flags);
    let scores = score::score(doc, st, &excluded, flags);
    let prose = select::prose_weights(doc, st, &excluded);
    let voted = select::top_candidate(doc, &scores);
    let top = voted.map(|t| select::climb_to_prose(doc, t, &prose));
    // The voted container and its ancestors under a climbed root stay (cleaned inside).
    let protected: Vec<NodeId> = match (voted, top) {
        (Some(v), Some(t)) if v != t => std::iter::once(v)
            .chain(doc.ancestors(v).take_while(|&a| a != t))
            .collect(),
        _ => Vec::new(),
    };
    let roots = match top {
        Some(top) => select::with_siblings(
            doc,
            top,
            &scores,
            st,
            &excluded,
            flags,
            meta.title.as_deref(),
        ),
        None => vec![doc.body],
    };
    let mut removed = vec![false; n];
    let mut root_reasons = Vec::new();
    // Merged siblings are judged like any block inside the article.
    for &r in &roots {
        if Some(r) == top || r == doc.body {
            continue;
        }
        let ev = clean::Evidence {
            st,
            excluded: &excluded,
            scores: &scores,
            flags,
            meta_nodes: &meta.meta_nodes,
            protected: &protected,
        };
        if let Some(reason) = clean::verdict(doc, r, ev) {
            removed[r as usize] = true;
            root_reasons.push((r, reason));
        }
    }
    let ev = clean::Evidence {
        st,
        excluded: &excluded,
        scores: &scores,
        flags,
        meta_nodes: &meta.meta_nodes,
        protected: &protected,
    };
    let mut reasons = clean::clean(doc, &roots, ev, &mut removed);
    reasons.extend(root_reasons);
    Selection {
        roots,
        removed,
        reasons,
        stats: Vec::new(),
    }
}

/// The nodes a selection keeps: its roots' subtrees without the removed ones (explicit
/// stack, no recursion; not in document order).
fn kept_nodes<'a>(doc: &'a Doc, sel: &'a Selection) -> impl Iterator<Item = NodeId> + 'a {
    let mut stack: Vec<NodeId> = sel.roots.clone();
    std::iter::from_fn(move || {
        while let Some(id) = stack.pop() {
            if !sel.removed[id as usize] {
                stack.extend(doc.node(id).children.iter().copied());
                return Some(id);
            }
        }
        None
    })
}

/// Weight of what a selection keeps.
fn kept_weight(doc: &Doc, sel: &Selection, st: &[stats::NodeStats]) -> u32 {
    kept_nodes(doc, sel)
        .filter(|&id| doc.node(id).text().is_some())
        .map(|id| st[id as usize].weight())
        .sum()
}

/// Weight a selection keeps inside comment threads (under a node with a discussion
/// class, the roots' ancestors included).
fn discussion_weight(doc: &Doc, sel: &Selection, st: &[stats::NodeStats]) -> u32 {
    let is_thread = |a: NodeId| doc.node(a).hints.has(hints::ClassHints::DISCUSSION);
    let mut w = 0u32;
    for &r in &sel.roots {
        let inside = std::iter::once(r).chain(doc.ancestors(r)).any(is_thread);
        let mut stack = vec![(r, inside)];
        while let Some((id, inside)) = stack.pop() {
            if sel.removed[id as usize] {
                continue;
            }
            let node = doc.node(id);
            let inside = inside || is_thread(id);
            if inside && node.text().is_some() {
                w = w.saturating_add(st[id as usize].weight());
            }
            stack.extend(node.children.iter().map(|&c| (c, inside)));
        }
    }
    w
}

/// Does a selection keep an `<h1>` (the page's headline) outside removed subtrees?
fn keeps_headline(doc: &Doc, sel: &Selection) -> bool {
    kept_nodes(doc, sel).any(|id| doc.node(id).tag() == "h1")
}

/// Select the article content.
pub fn select(doc: &Doc, meta: &Meta, limits: &Limits) -> Result<Selection, Error> {
    let work = doc.nodes.len() as u64 * tunables::WORK_PER_NODE * 8;
    if work > limits.work_budget {
        return Err(Error::WorkBudgetExceeded {
            limit: limits.work_budget,
        });
    }
    let st = stats::compute(doc);
    let tries = [
        Flags::STRICT,
        Flags {
            strip_unlikely: false,
            ..Flags::STRICT
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
        },
    ];
    let mut best: Option<(u32, Selection)> = None;
    let mut strict_weight = None;
    for flags in tries {
        let sel = attempt(doc, meta, &st, flags);
        let w = kept_weight(doc, &sel, &st);
        strict_weight.get_or_insert(w);
        // A stricter selection that kept the page's headline found the article (a short
        // post); a looser one that is mostly comment thread only trades it for the
        // thread. (Forum pages, whose posts are the content, keep no headline under the
        // strict rules.)
        if best.as_ref().is_some_and(|(bw, b)| {
            *bw >= tunables::HEADLINED_POST_MIN_WEIGHT && keeps_headline(doc, b)
        }) && discussion_weight(doc, &sel, &st) as f64
            > w as f64 * tunables::HEADLINED_POST_THREAD_SHARE
        {
            continue;
        }
        if w >= tunables::RETRY_MIN_WEIGHT {
            best = Some((w, sel));
            break;
        }
        // A looser attempt must clearly beat a stricter one: loosening also lets
        // furniture back in.
        if best
            .as_ref()
            .is_none_or(|(bw, _)| w as f64 > *bw as f64 * 1.3)
        {
            best = Some((w, sel));
        }
    }
    // A shop's category page: the strict reading keeps little (its tiles hold no prose),
    // and the looser ones may take a promotion bar or a menu over the tiles.
    let strict_light = strict_weight.is_some_and(|w| w < tunables::RETRY_MIN_WEIGHT);
    if strict_light
        || best
            .as_ref()
            .is_none_or(|(w, _)| *w < tunables::DOMINANT_BELOW_WEIGHT)
    {
        let sel = dominant::attempt(doc, meta, &st);
        let w = kept_weight(doc, &sel, &st);
        // Priced tiles are the content: the fallback wins over the looser readings as
        // soon as it outweighs the strict one.
        let tiles = strict_light
            && w > strict_weight.unwrap_or(0)
            && sel
                .roots
                .first()
                .is_some_and(|&r| dominant::holds_priced_tiles(doc, r));
        // When scoring found some substance, a container of links (a menu, a docs
        // sidebar) does not replace it.
        let substance = best
            .as_ref()
            .is_some_and(|(bw, _)| *bw >= tunables::RETRY_MIN_WEIGHT);
        let menu = sel
            .roots
            .first()
            .is_some_and(|&r| st[r as usize].link_density() > tunables::DOMINANT_MAX_LINK_DENSITY);
        if tiles
            || best
                .as_ref()
                .is_none_or(|(bw, _)| w as f64 > *bw as f64 * tunables::DOMINANT_MIN_GAIN)
                && !(substance && menu)
        {
            best = Some((w, sel));
        }
    }
    let (w, mut sel) = best.ok_or(Error::NoContent)?;
    if w == 0 {
        return Err(Error::NoContent);
    }
    sel.stats = st;
    Ok(sel)
}

/// Developer aid (`cargo run --example candidates`): the top scored candidates of a page
/// under strict flags, as `score tag.class#id weight`.
pub fn debug_candidates(doc: &Doc, meta: &Meta) -> Vec<String> {
    let st = stats::compute(doc);
    let n = doc.nodes.len();
    let excluded = excluded_nodes(doc, meta, &st, Flags::STRICT);
    let scores = score::score(doc, &st, &excluded, Flags::STRICT);
    let mut ranked: Vec<(usize, f64)> = scores
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| s.is_finite())
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let top = select::top_candidate(doc, &scores);
    let mut out = vec![format!("chosen: {:?}", top.map(|t| describe(doc, t)))];
    if let Some(p) = (0..n)
        .filter(|&i| doc.nodes[i].tag() == "p")
        .max_by_key(|&i| st[i].weight())
    {
        out.push(format!(
            "heaviest p #{p} w={} excluded={}",
            st[p].weight(),
            excluded[p]
        ));
        for a in doc.ancestors(p as NodeId) {
            out.push(format!(
                "   {} unlikely={}",
                describe(doc, a),
                score::is_unlikely(doc, a)
            ));
        }
    }
    for (id, s) in ranked.into_iter().take(12) {
        out.push(format!(
            "{s:8.1} {} w={} ld={:.2}",
            describe(doc, id as NodeId),
            st[id].weight(),
            st[id].link_density()
        ));
    }
    out
}

fn describe(doc: &Doc, id: NodeId) -> String {
    let n = doc.node(id);
    format!(
        "#{id} {} [{}] depth={}",
        n.tag(),
        n.class_id().trim(),
        n.depth
    )
}

#[cfg(test)]
mod tests {
    use crate::{extract, Options};

    /// A short page (the strict reading is light, so looser ones are tried) next to a
    /// consent banner of legal prose: the banner is furniture under every rule set, and
    /// a wrapper whose class says a banner is showing is still the page.
    #[test]
    fn a_consent_banner_is_never_the_article() {
        const LEGAL: &str = "We and our partners store and access information on your device, \
                             such as cookies, and process personal data, such as unique \
                             identifiers, for personalised advertising, content, measurement, \
                             audience research, and the development of services.";
        let legal: String = (0..4)
            .map(|i| format!("<p>Purpose {i}. {LEGAL}</p>"))
            .collect();
        let html = format!(
            "<html><head><title>Kettle</title></head><body>\
             <div class='page cookie-banner-visible'><main><h1>Steel kettle</h1>\
             <div class=description>A brushed steel kettle that boils 1.7 litres in \
             three minutes and switches itself off.</div></main>\
             <div id=onetrust-consent-sdk><div class=ot-text>{legal}</div></div>\
             </div></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(text.contains("A brushed steel kettle"), "{text}");
        assert!(!text.contains("Purpose"), "{text}");
    }

    /// A sidebar live feed (`<aside>`) outweighing the article: many short items with a
    /// `content` class each. The aside stays furniture; the article wins.
    #[test]
    fn a_heavy_sidebar_feed_does_not_beat_the_article() {
        const P: &str = "The minister said on Thursday that the rescue teams, which arrived \
                         overnight, had reached the villages, and that more aid would follow.";
        let article: String = (0..5)
            .map(|i| format!("<p>Paragraph {i}. {P}</p>"))
            .collect();
        let feed: String = (0..30)
            .map(|i| {
                format!(
                    "<li><div class=live-item-content><p>Update {i}: a short note, with a \
                     comma, about the day's news, and another, clause.</p></div></li>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Quake</title></head><body><div class=page>\
             <article><h1>Quake</h1><div class=article-body>{article}</div></article>\
             <aside id=sidebar><div class=live><ul>{feed}</ul></div></aside>\
             </div></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(text.contains("Paragraph 4."), "{text}");
        assert!(!text.contains("Update 7"), "{text}");
    }

    /// An inline photo gallery whose `legends` list (a caption per photo) outweighs the
    /// article text around it: a list is never the wrapper of the page.
    #[test]
    fn a_heavy_gallery_legend_list_stays_furniture() {
        const P: &str = "The company said on Tuesday that revenue, which fell last year, had \
                         recovered, and that it expected growth to continue.";
        let article: String = (0..5)
            .map(|i| format!("<p>Paragraph {i}. {P}</p>"))
            .collect();
        let legends: String = (1..=40)
            .map(|i| {
                format!(
                    "<li><h2>{i}/40 Photo title</h2><p>Legend {i}: what the photo shows, \
                     with a comma, a second clause, and a third one, about the news.</p></li>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>News</title></head><body><article><h1>News</h1>\
             <div class=text>{article}<div class=gallery><ul class=legends>{legends}</ul>\
             </div></div></article></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(text.contains("Paragraph 4."), "{text}");
        assert!(!text.contains("Legend 7:"), "{text}");
    }

    /// A one-paragraph post above a long comment thread: the looser retry rules would
    /// trade the short post (headline and all) for the thread.
    #[test]
    fn a_short_headlined_post_is_not_traded_for_its_comments() {
        let comments: String = (0..12)
            .map(|i| {
                format!(
                    "<li class=comment><div class=comment-author>Reader {i} said:</div>\
                     <div class=comment-body><p>Reader {i} asks, at some \
                     length, whether the figures, which were revised, still hold, and what \
                     the plan is for next year.</p></div></li>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Open thread</title></head><body><div class=col-main>\
             <article class=post><h1>Open thread</h1><p>Our goal with this \
             open thread is to give readers a place to raise questions about our work, in \
             the comments below, or to email us if they prefer. We will try to answer \
             promptly, and to follow up on the questions that need a longer answer in a \
             post of their own later this year.</p></article><div class=comments-area><h2>Comments</h2><ul class=comment-list>\
             {comments}</ul></div></div><div class=sidebar-links><a href=/a>Archive</a> \
             <a href=/b>About</a></div></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(text.contains("Our goal with this open thread"), "{text}");
        assert!(!text.contains("Reader 3 asks"), "{text}");
    }

    /// A page builder wraps the article's paragraphs in `widget` blocks; a sidebar's
    /// `widget` of links to other stories stays furniture.
    #[test]
    fn text_widgets_are_content_link_widgets_are_not() {
        const P: &str = "The council said on Monday that the new bridge, which opened last \
                         spring, had cut travel times, and that a second one was planned.";
        let body: String = (0..6)
            .map(|i| {
                format!("<div class=\"elementor-widget text-editor\"><p>Part {i}. {P}</p></div>")
            })
            .collect();
        let links: String = (0..8)
            .map(|i| format!("<li><a href=/s{i}>Other story number {i} with a headline</a></li>"))
            .collect();
        let html = format!(
            "<html><head><title>Bridge</title></head><body><div class=page><h1>Bridge</h1>\
             <div class=builder>{body}<div class=widget-featured><ul>{links}</ul></div></div>\
             </div></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(
            text.contains("Part 0.") && text.contains("Part 5."),
            "{text}"
        );
        assert!(!text.contains("Other story number 3"), "{text}");
    }

    /// A product's page (JSON-LD `Product`): its customer reviews are furniture; the same
    /// markup on an article page (a review article) stays.
    #[test]
    fn reviews_on_a_product_page_are_furniture() {
        const P: &str = "This pack keeps your gear within easy reach, with pockets galore, \
                         a padded back panel, and straps that fit a wide range of bodies.";
        let desc: String = (0..4).map(|i| format!("<p>Feature {i}. {P}</p>")).collect();
        let reviews: String = (0..8)
            .map(|i| {
                format!(
                    "<div class=review-item><p>Reviewer {i} writes that the pack, which \
                     they used on long hikes, held up well, and that the straps, padded \
                     and wide, were comfortable all day.</p></div>"
                )
            })
            .collect();
        let page = |ld: &str| {
            format!(
                "<html><head><title>Trail 25</title>{ld}</head><body><main><h1>Trail 25</h1>\
                 <div class=description>{desc}</div><section class=reviews><h2>Reviews</h2>\
                 {reviews}</section></main></body></html>"
            )
        };
        let ld = r#"<script type="application/ld+json">{"@type":"Product","name":"Trail 25","offers":{"price":"90"}}</script>"#;
        let a = extract(&page(ld), &Options::default()).expect("a product");
        let text = crate::render::to_text(&a);
        assert!(text.contains("Feature 3."), "{text}");
        assert!(!text.contains("Reviewer 2 writes"), "{text}");
        let a = extract(&page(""), &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(text.contains("Reviewer 2 writes"), "{text}");
    }
}
