//! Cleaning inside the chosen container: furniture that sits inside the article
//! (share bars, related lists, comment forms, CMS editor lines) is marked removed, with a
//! reason for `--explain`. Nothing is mutated; the builder skips removed subtrees.

use super::boilerplate;
use super::repeat;
use super::score::{class_weight, Flags};
use super::stats::NodeStats;
use super::tunables as t;
use crate::dom::{Doc, NodeId};

/// Is a `<table>` a data table (kept as a table) rather than layout?
pub fn is_data_table(doc: &Doc, id: NodeId, st: &[NodeStats]) -> bool {
    let n = doc.node(id);
    if n.attr("role") == Some("presentation") {
        return false;
    }
    if n.attr("summary").is_some() {
        return true;
    }
    let mut rows = 0usize;
    let mut max_cols = 0usize;
    let mut has_th = false;
    let mut nested_block = false;
    for d in doc.descendants(id).skip(1) {
        let dn = doc.node(d);
        match dn.tag() {
            "caption" | "thead" | "th" | "tfoot" | "colgroup" => has_th = true,
            "table" | "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "blockquote" | "pre" => {
                nested_block = true
            }
            "tr" => {
                rows += 1;
                let cols = dn
                    .children
                    .iter()
                    .filter(|&&c| matches!(doc.node(c).tag(), "td" | "th"))
                    .count();
                max_cols = max_cols.max(cols);
            }
            _ => {}
        }
    }
    if nested_block {
        return false;
    }
    if has_th {
        return true;
    }
    // Plenty of small cells: data. One big cell: layout.
    rows >= 2 && max_cols >= 2 && (st[id as usize].weight() as usize) < rows * max_cols * 300
}

/// What cleaning decisions are based on.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub st: &'a [NodeStats],
    pub excluded: &'a [bool],
    pub scores: &'a [f64],
    pub flags: Flags,
    pub meta_nodes: &'a [NodeId],
    /// Containers the selection itself chose (the voted candidate under a climbed root):
    /// never removed, only cleaned inside.
    pub protected: &'a [NodeId],
}

/// Mark removed nodes under `roots`; returns (node, reason) pairs.
pub fn clean(
    doc: &Doc,
    roots: &[NodeId],
    ev: Evidence<'_>,
    removed: &mut [bool],
) -> Vec<(NodeId, &'static str)> {
    let st = ev.st;
    let mut reasons = Vec::new();
    // Parents in which a "related" heading was removed: its following siblings that
    // hold links, up to the next heading, are the teasers it labels.
    let mut related_sections: Vec<NodeId> = Vec::new();
    // Items of a repeated structure (listing rows, tiles): set for a node's children when
    // the node is expanded, so each child list is grouped once.
    let mut repeated = vec![false; removed.len()];
    let mut whole = vec![false; removed.len()];
    // The whole selection's text: a run is weighed against all of it, so a teaser
    // section merged as a root of its own is still a small part.
    let root_weight: u32 = roots.iter().map(|&r| st[r as usize].weight()).sum();
    for &root in roots {
        repeat::mark_items(doc, root, st, root_weight, &mut repeated, &mut whole);
        let mut stack: Vec<NodeId> = doc.node(root).children.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            let node = doc.node(id);
            if !node.is_element() {
                continue;
            }
            let heading = matches!(node.tag(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if let Some(p) = node.parent.filter(|p| related_sections.contains(p)) {
                if heading {
                    related_sections.retain(|&q| q != p);
                } else if has_link(doc, id) {
                    removed[id as usize] = true;
                    reasons.push((id, "teaser under a related-stories heading"));
                    continue;
                }
            }
            if !ev.protected.contains(&id) {
                let reason = verdict(doc, id, ev).filter(|&r| {
                    !(repeat::is_conditional(r) && repeat::is_listing_item(doc, id, st, &repeated))
                });
                if let Some(reason) = reason {
                    removed[id as usize] = true;
                    reasons.push((id, reason));
                    if heading && node.hints.has(crate::dom::ClassHints::RELATED) {
                        if let Some(p) = node.parent {
                            related_sections.push(p);
                        }
                    }
                    continue;
                }
            }
            if matches!(node.tag(), "pre" | "code" | "math") {
                continue;
            }
            if node.tag() == "table" && is_data_table(doc, id, st) {
                continue;
            }
            repeat::mark_items(doc, id, st, root_weight, &mut repeated, &mut whole);
            // Inside an item of the listing that makes up the container, its parts (a
            // title line, a linked byline) are the item too.
            if whole[id as usize] {
                for &c in &node.children {
                    repeated[c as usize] = true;
                    whole[c as usize] = true;
                }
            }
            stack.extend(node.children.iter().rev().copied());
        }
    }
    reasons
}

pub fn verdict(doc: &Doc, id: NodeId, ev: Evidence<'_>) -> Option<&'static str> {
    let Evidence {
        st,
        excluded,
        scores,
        flags,
        meta_nodes,
        ..
    } = ev;
    let node = doc.node(id);
    let tag = node.tag();
    if meta_nodes.contains(&id) {
        return Some("metadata line (shown in the header)");
    }
    if flags.strip_unlikely && excluded[id as usize] {
        return Some("page furniture (tag, role or class)");
    }
    // Only a product page's reviews and carousels are excluded with this hint
    // (`excluded_nodes`): furniture under the looser flags too.
    if excluded[id as usize] && node.hints.has(crate::dom::ClassHints::SHOP_EXTRA) {
        return Some("reviews or carousel on a product page");
    }
    let s = &st[id as usize];
    let is_block = crate::dom::is_block_tag(tag);
    if is_block && s.weight() < t::BOILERPLATE_MAX_WEIGHT && s.images == 0 {
        let text = crate::text::normalize_space(&doc.text_of(id));
        if boilerplate::is_boilerplate(&text) {
            return Some("boilerplate phrase");
        }
    }
    // A hover card: the innermost element with a tooltip/rollover class (its wrappers
    // hold the word it explains), short, and more than a visible label: a badge or
    // button caption (`Star 194k`, `New`) that carries a tooltip class is shown as is.
    if node.hints.has(crate::dom::ClassHints::POPUP)
        && s.popups == 1
        && s.weight() < t::POPUP_MAX_WEIGHT
        && (s.images > 0 || s.weight() > t::POPUP_LABEL_MAX_WEIGHT)
    {
        return Some("hover card or tooltip (hidden until hovered)");
    }
    // A photo credit (`<span class=credit>Getty Images</span>`): the caption stays, the
    // agency line goes, whatever other words its class holds (`article-credit`).
    if node.hints.has(crate::dom::ClassHints::CREDIT)
        && s.weight() < t::BOILERPLATE_MAX_WEIGHT
        && s.images == 0
    {
        return Some("photo credit");
    }
    if matches!(tag, "h1" | "h2") && flags.weight_classes && class_weight(doc, id, flags) < 0.0 {
        return Some("heading with a furniture class");
    }
    if !flags.clean_conditionally {
        return None;
    }
    if !matches!(
        tag,
        "form"
            | "fieldset"
            | "table"
            | "ul"
            | "ol"
            | "div"
            | "section"
            | "aside"
            | "header"
            | "footer"
            | "dl"
            | "nav"
    ) {
        return None;
    }
    if tag == "table" && is_data_table(doc, id, st) {
        return None;
    }
    let weight = class_weight(doc, id, flags);
    let content_score = scores[id as usize].max(0.0);
    if weight + content_score < 0.0 {
        return Some("container with a furniture class and no prose");
    }
    if s.text.commas >= t::CLEAN_MIN_COMMAS {
        return None;
    }
    let is_list = matches!(tag, "ul" | "ol")
        || (s.list_items > 0 && s.weight() > 0 && list_text_share(doc, id, st) > 0.9);
    let p = s.paragraphs as f64;
    let img = s.images as f64;
    let li = s.list_items as f64 - 100.0;
    let ld = s.link_density();
    let w = s.weight();
    let in_figure = tag == "figure"
        || doc
            .ancestors(id)
            .take(3)
            .any(|a| doc.node(a).tag() == "figure");
    // Readability counts `<p>` per image; posts written with `<br>` (forum software)
    // next to an avatar and reaction icons have none, yet are text: a gallery holds
    // little text of its own (outside links) per image.
    let own_text = w as f64 * (1.0 - ld);
    if img > 1.0
        && p / img < 0.5
        && !in_figure
        && own_text < img * t::GALLERY_MAX_TEXT_PER_IMAGE
        && w < t::GALLERY_MAX_WEIGHT
    {
        return Some("image gallery without text");
    }
    if !is_list && li > p {
        return Some("list-like block");
    }
    if !is_list
        && w < t::MIN_PARAGRAPH_WEIGHT
        && s.headings == 0
        && (img == 0.0 || img > 2.0)
        && ld > 0.0
    {
        return Some("short link block");
    }
    if weight < 25.0 && ld > t::CLEAN_LINK_DENSITY_LIGHT && (!is_list || ld > 0.5) {
        return Some("link-heavy block");
    }
    if weight >= 25.0 && ld > t::CLEAN_LINK_DENSITY_HEAVY {
        return Some("link-heavy block");
    }
    None
}

/// Does the subtree hold a link (`<a href>`, text or image)?
fn has_link(doc: &Doc, id: NodeId) -> bool {
    doc.descendants(id)
        .any(|d| doc.node(d).tag() == "a" && doc.node(d).attr("href").is_some())
}

fn list_text_share(doc: &Doc, id: NodeId, st: &[NodeStats]) -> f64 {
    let mut lw = 0u32;
    for d in doc.descendants(id) {
        if doc.node(d).tag() == "li" {
            lw += st[d as usize].weight();
        }
    }
    lw as f64 / st[id as usize].weight().max(1) as f64
}

#[cfg(test)]
mod tests {
    use crate::{extract, Options};

    /// A `<p>` of article prose starting with `s`.
    fn p(s: &str) -> String {
        format!(
            "<p>{s} is a paragraph of the article, with a clause, another clause, and \
             enough words to read as prose in a story.</p>"
        )
    }

    /// A "related posts" heading inside the post's container: it and the teasers after
    /// it go, the article's own sections (after another heading) stay.
    #[test]
    fn teasers_under_a_related_heading_go() {
        let teaser = |i: usize| {
            format!(
                "<div class=teaser><a href=/t/{i}><img src=/i/{i}.jpg></a><p>Teaser {i} \
                 retells another story at length, with commas, clauses, and more.</p></div>"
            )
        };
        let html = format!(
            "<html><head><title>Post</title></head><body><div class=post><h1>Post</h1>\
             {}{}<h3 class=relatedpoststitle>You may like</h3>{}{}<h3>Notes</h3>{}\
             </div></body></html>",
            p("First"),
            ["Second", "Third", "Fourth", "Fifth"].map(p).concat(),
            teaser(1),
            teaser(2),
            p("Closing")
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(
            text.contains("First is") && text.contains("Closing is"),
            "{text}"
        );
        assert!(
            !text.contains("Teaser 1") && !text.contains("Teaser 2"),
            "{text}"
        );
    }

    /// A grid of cards (an icon and a few lines each, no `<p>`) is a section of the page,
    /// not an image gallery; a lighter one is still a gallery.
    #[test]
    fn a_grid_of_cards_stays() {
        let page = |card_text: &str| {
            let cards = (1..=3)
                .map(|i| {
                    format!(
                        "<div class=card><img src=/i/{i}.svg><h3>Feature {i}</h3><span>Card {i} \
                         {card_text}</span></div>"
                    )
                })
                .collect::<String>();
            let paragraphs = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"];
            let html = format!(
                "<html><head><title>Post</title></head><body><div class=post><h1>Post</h1>\
                 {}<div class=grid>{cards}</div>{}</div></body></html>",
                paragraphs.map(p).concat(),
                p("Closing")
            );
            let a = extract(&html, &Options::default()).expect("an article");
            crate::render::to_text(&a)
        };
        let text = page(
            "explains one thing the service does for its customers on every single \
             working day of the year in all towns it serves",
        );
        assert!(
            text.contains("Card 1 explains") && text.contains("Card 3"),
            "{text}"
        );
        assert!(text.contains("Closing is"), "{text}");
        let text = page("explains one thing");
        assert!(
            !text.contains("Card 1 explains") && text.contains("Closing is"),
            "{text}"
        );
    }

    /// A star button whose label carries a tooltip class is visible text and stays; a
    /// hidden hover card with a sentence in it goes.
    #[test]
    fn a_tooltip_label_stays_a_hover_card_goes() {
        let html = format!(
            "<html><head><title>Post</title></head><body><div class=post><h1>Post</h1>\
             {}<p>The project <span class=tooltipped>Star 194k</span> is popular, and \
             people like it a lot, with reason.<span class=tooltiptext>Sign in to star \
             this repository and follow it.</span></p>{}</div></body></html>",
            ["First", "Second", "Third"].map(p).concat(),
            p("Closing")
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        assert!(text.contains("Star 194k"), "{text}");
        assert!(!text.contains("Sign in to star"), "{text}");
    }
}
