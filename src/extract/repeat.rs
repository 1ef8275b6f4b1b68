//! Repeated structure: listing rows, product tiles, search results and paper entries are
//! many siblings of one tag and class signature (`<dd>` × 50, `<div class=tile>` × 24).
//! Each item alone looks like furniture to conditional cleaning: no prose, a class such
//! as `meta`, a share of links. Inside the chosen container, an item of such a run (or
//! the single wrapper inside one) is content and only furniture by tag, role, class
//! (`excluded`) or boilerplate removes it; conditional verdicts do not. When the run
//! makes up most of the selection (the page is the listing), the parts inside each item
//! (a title line, a linked byline) are spared the same way; "short link block" verdicts
//! (date lines, read-time lines) still apply to both.
//!
//! Grouping is per child list, once, when `clean` expands a node: linear in the nodes.

use super::stats::NodeStats;
use super::tunables as t;
use crate::dom::{Doc, NodeId};
use std::collections::HashMap;

/// Mark the element children of `parent` that belong to a run of at least
/// [`t::REPEAT_MIN_ITEMS`] siblings with the same tag and class, holding together at
/// least [`t::REPEAT_MIN_SHARE`] of `root_weight` (the text of the container being
/// cleaned: teasers under an article are a small part of it, a listing is most of it).
/// When the run holds at least [`t::REPEAT_WHOLE_SHARE`] of it (the container is the
/// listing), `whole` marks the items so that `clean` spares their parts too.
pub fn mark_items(
    doc: &Doc,
    parent: NodeId,
    st: &[NodeStats],
    root_weight: u32,
    repeated: &mut [bool],
    whole: &mut [bool],
) {
    let children = &doc.node(parent).children;
    if children.len() < t::REPEAT_MIN_ITEMS as usize {
        return;
    }
    let mut counts: HashMap<(&str, &str), (u32, u32)> = HashMap::new();
    let sig = |c: NodeId| {
        let n = doc.node(c);
        (n.tag(), n.attr("class").unwrap_or(""))
    };
    for &c in children {
        if doc.node(c).is_element() {
            let e = counts.entry(sig(c)).or_default();
            e.0 += 1;
            e.1 = e.1.saturating_add(st[c as usize].weight());
        }
    }
    for &c in children {
        if !doc.node(c).is_element() {
            continue;
        }
        let (items, weight) = counts[&sig(c)];
        if items >= t::REPEAT_MIN_ITEMS && weight as f64 >= root_weight as f64 * t::REPEAT_MIN_SHARE
        {
            repeated[c as usize] = true;
            whole[c as usize] = weight as f64 >= root_weight as f64 * t::REPEAT_WHOLE_SHARE;
        }
    }
}

/// Is `id` a listing item (or the wrapper inside one) whose text is not mostly links?
pub fn is_listing_item(doc: &Doc, id: NodeId, st: &[NodeStats], repeated: &[bool]) -> bool {
    let item = repeated[id as usize]
        || doc.node(id).parent.is_some_and(|p| {
            repeated[p as usize]
                && doc
                    .node(p)
                    .children
                    .iter()
                    .filter(|&&c| doc.node(c).is_element())
                    .count()
                    == 1
        });
    item && st[id as usize].weight() > 0
        && st[id as usize].link_density() <= t::REPEAT_MAX_LINK_DENSITY
}

/// Verdicts that come from conditional cleaning (weights, densities), which a listing
/// item overrides; furniture by tag or class and boilerplate phrases still apply.
pub fn is_conditional(reason: &str) -> bool {
    matches!(
        reason,
        "container with a furniture class and no prose" | "link-heavy block" | "list-like block"
    )
}

#[cfg(test)]
mod tests {
    use crate::{extract, Options};

    /// An awards page: some prose, then forty tiles of one class, each a category
    /// heading and linked winners. Each tile alone is link-heavy; the run is the content.
    #[test]
    fn tiles_of_a_listing_stay() {
        let prose = "<p>These are the winners of this year's awards, chosen by the jury, \
                     with honorees, and a long note on how, why, and when the jury met, \
                     deliberated, and decided.</p>"
            .repeat(12);
        let tiles: String = (0..40)
            .map(|i| {
                format!(
                    "<div class=award><h3>Category {i}</h3><div>Winner <a href=/p/{i}>Glass \
                     Terminal Project {i}</a> by Studio Firm {i}</div><div>Honoree \
                     <a href=/q/{i}>Stone Wall Collection {i}</a> by Tile Maker</div></div>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Awards</title></head><body>\
             <nav><a href=/>Home</a> <a href=/list>List</a></nav>\
             <main><h1>2025 Award winners</h1>{prose}{tiles}</main>\
             <footer><p>About us. Careers. Press.</p></footer></body></html>"
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        for i in [0, 20, 39] {
            assert!(
                text.contains(&format!("Category {i}")),
                "tile {i} missing:\n{text}"
            );
            // The tiles are most of the page: their linked lines stay too.
            assert!(
                text.contains(&format!("Stone Wall Collection {i}")),
                "winner line {i} missing:\n{text}"
            );
        }
        assert!(!text.contains("Careers"), "{text}");
    }
}
