//! Pages without prose: listings, category grids, product tiles, link indexes. Their
//! content is many short, linked items, so no paragraph votes for a container and the
//! scored selection ends up with a stray sentence (a cookie note, a sign-up line).
//!
//! When every scored attempt stays light (`tunables::RETRY_MIN_WEIGHT`), the fallback
//! takes the container that holds the page's text: from `<body>` down, as long as one
//! child holds at least [`t::DOMINANT_SHARE`] of its parent's text outside furniture
//! (navigation, headers, footers, asides by tag, role and class stay out). Inside it,
//! link-dense lists are the content, so only furniture and boilerplate are cleaned, not
//! link-heavy blocks. `select` keeps it only when it clearly outweighs what scoring
//! found (`tunables::DOMINANT_MIN_GAIN`), or, on a page whose strict reading is light,
//! when it holds priced tiles ([`holds_priced_tiles`]) and outweighs the strict reading:
//! a shop's category page, where the looser readings take a promotion bar or a menu.

use super::score::{self, Flags};
use super::stats::NodeStats;
use super::tunables as t;
use super::{clean, excluded_nodes, Selection};
use crate::dom::{Doc, NodeId};
use crate::meta::Meta;

/// The flags of the fallback: furniture out, no class weights, no conditional cleaning.
const FLAGS: Flags = Flags {
    strip_unlikely: true,
    weight_classes: false,
    clean_conditionally: false,
};

/// Text weight under each node outside excluded furniture (one reverse pass).
fn visible_weights(doc: &Doc, st: &[NodeStats], excluded: &[bool]) -> Vec<u32> {
    let n = doc.nodes.len();
    let mut vis = vec![0u32; n];
    for id in (0..n).rev() {
        if excluded[id] {
            vis[id] = 0;
            continue;
        }
        if doc.nodes[id].text().is_some() {
            vis[id] = st[id].weight();
        }
        if let Some(p) = doc.nodes[id].parent {
            let v = vis[id];
            vis[p as usize] = vis[p as usize].saturating_add(v);
        }
    }
    vis
}

/// The container holding the page's text: descend from `<body>` while one child holds
/// most of its parent's visible text.
fn dominant_container(doc: &Doc, vis: &[u32]) -> NodeId {
    let mut node = doc.body;
    loop {
        let total = vis[node as usize] as f64;
        let next = doc
            .node(node)
            .children
            .iter()
            .copied()
            .filter(|&c| doc.node(c).is_element())
            .find(|&c| vis[c as usize] as f64 >= total * t::DOMINANT_SHARE);
        match next {
            Some(c) if total > 0.0 => node = c,
            _ => return node,
        }
    }
}

/// The fallback selection.
pub fn attempt(doc: &Doc, meta: &Meta, st: &[NodeStats]) -> Selection {
    let n = doc.nodes.len();
    let excluded = excluded_nodes(doc, meta, st, FLAGS);
    let vis = visible_weights(doc, st, &excluded);
    let root = dominant_container(doc, &vis);
    let scores = score::score(doc, st, &excluded, FLAGS);
    let mut removed = vec![false; n];
    let ev = clean::Evidence {
        st,
        excluded: &excluded,
        scores: &scores,
        flags: FLAGS,
        meta_nodes: &meta.meta_nodes,
        protected: &[],
    };
    let reasons = clean::clean(doc, &[root], ev, &mut removed);
    Selection {
        roots: vec![root],
        removed,
        reasons,
        stats: Vec::new(),
    }
}

/// Nodes of a tile read for its price ([`shows_price`]): tiles with a picture, badges and
/// rating stars run to a couple of hundred.
const TILE_MAX_NODES: usize = 256;

/// Does the container hold a run of priced tiles: a parent with at least
/// [`t::PRICED_TILES_MIN`] element children of one tag that each show a price?
/// (A listing of products; prices in an article's prose sit in its paragraphs, not in
/// one repeated structure.) Bounded: parents are looked at only with enough children, and
/// each child's text only up to the first price.
pub fn holds_priced_tiles(doc: &Doc, root: NodeId) -> bool {
    doc.descendants(root).any(|id| {
        let kids: Vec<NodeId> = doc
            .node(id)
            .children
            .iter()
            .copied()
            .filter(|&c| doc.node(c).is_element())
            .collect();
        if kids.len() < t::PRICED_TILES_MIN {
            return false;
        }
        let tag = doc.node(kids[0]).tag();
        kids.iter()
            .filter(|&&c| doc.node(c).tag() == tag && shows_price(doc, c))
            .count()
            >= t::PRICED_TILES_MIN
    })
}

/// Does the subtree's text hold a price: a currency sign next to a digit (`$19`, `19 €`,
/// `£ 4.50`)? Only the first [`TILE_MAX_NODES`] nodes are read: a tile is small, and
/// the check runs for the children of every parent, so a deep page stays linear.
fn shows_price(doc: &Doc, id: NodeId) -> bool {
    const CURRENCY: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₫', '₪'];
    let mut prev: Option<char> = None;
    for d in doc.descendants(id).take(TILE_MAX_NODES) {
        let Some(text) = doc.node(d).text() else {
            continue;
        };
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            if let Some(p) = prev {
                if (CURRENCY.contains(&p) && c.is_ascii_digit())
                    || (p.is_ascii_digit() && CURRENCY.contains(&c))
                {
                    return true;
                }
            }
            prev = Some(c);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::{extract, Options};

    /// A category page: a grid of linked product tiles, no prose, a sign-up line and a
    /// navigation bar. The tiles are the content.
    #[test]
    fn a_listing_without_prose_keeps_its_items() {
        let tiles: String = (0..30)
            .map(|i| {
                format!(
                    "<li class=tile><a href=/p/{i}>Walnut standing desk model {i}</a>\
                     <span class=price>$ {i}99</span></li>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Desks</title></head><body>\
             <nav><a href=/>Home</a> <a href=/desks>Desks</a> <a href=/chairs>Chairs</a></nav>\
             <div class=promo-bar><p>Sign up and get 10% off.</p></div>\
             <main><h1>Standing desks</h1><ul class=grid>{tiles}</ul></main>\
             <footer><p>About us. Careers. Press.</p></footer></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        for i in [0, 15, 29] {
            assert!(
                text.contains(&format!("Walnut standing desk model {i}")),
                "tile {i} missing:\n{text}"
            );
        }
        assert!(!text.contains("Careers"), "{text}");
    }

    /// A shop's category page: priced tiles, and a promotion banner whose paragraphs the
    /// looser readings take for the article. The tiles win.
    #[test]
    fn priced_tiles_beat_a_promotion_banner() {
        let tiles: String = (0..12)
            .map(|i| {
                format!(
                    "<div class=tile><a href=/p/{i}><img src=/i/{i}.jpg>Handmade stoneware \
                     mug in glaze number {i}</a><span class=price>${i}4.00</span></div>"
                )
            })
            .collect();
        let promo: String = (0..4)
            .map(|i| {
                format!(
                    "<p>Offer {i}: join our club today, and you get free shipping on every \
                     order, early access to new collections, and a gift on your birthday.</p>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Mugs</title></head><body>\
             <div class=promo-banner>{promo}</div>\
             <main><h1>Mugs</h1><div class=grid>{tiles}</div></main></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        for i in [0, 11] {
            assert!(text.contains(&format!("glaze number {i}")), "{text}");
        }
        assert!(text.contains("$114.00"), "{text}");
        assert!(!text.contains("join our club"), "{text}");
    }
}
