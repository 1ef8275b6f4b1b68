//! Bottom-up subtree statistics, computed in one reverse pass over the arena (children
//! have larger ids than parents, so no recursion and no re-walking subtrees).

use crate::dom::{is_block_tag, Doc, NodeKind};
use crate::text::TextStats;

/// Per-node sums over its subtree.
#[derive(Debug, Clone, Copy, Default)]
pub struct NodeStats {
    pub text: TextStats,
    /// Weight of text inside links (`<a href>`).
    pub link_weight: u32,
    /// Weight of text that is a direct child or inside inline (phrasing) children.
    pub inline_weight: u32,
    pub inline_commas: u32,
    pub paragraphs: u32,
    pub images: u32,
    pub list_items: u32,
    pub headings: u32,
    /// Elements with a hover-card class (`ClassHints::POPUP`), this one included.
    pub popups: u32,
    /// `<br><br>` pairs among the children: paragraphs written with line breaks.
    pub br_pairs: u32,
    /// Has an element child that is block-level.
    pub has_block_child: bool,
    /// Contains a block-level element anywhere below.
    pub has_block_desc: bool,
}

impl NodeStats {
    pub fn weight(&self) -> u32 {
        self.text.weight()
    }

    pub fn link_density(&self) -> f64 {
        let w = self.weight();
        if w == 0 {
            0.0
        } else {
            (self.link_weight as f64 / w as f64).min(1.0)
        }
    }
}

/// Compute statistics for every node.
pub fn compute(doc: &Doc) -> Vec<NodeStats> {
    let n = doc.nodes.len();
    let mut st = vec![NodeStats::default(); n];
    for id in (0..n).rev() {
        let node = &doc.nodes[id];
        let mut s = st[id];
        match &node.kind {
            NodeKind::Text(t) => {
                s.text = TextStats::of(t);
                s.inline_weight = s.text.weight();
                s.inline_commas = s.text.commas;
            }
            NodeKind::Element { tag, .. } => {
                let tag: &str = tag;
                let mut prev_br = false;
                for &c in &node.children {
                    match &doc.nodes[c as usize].kind {
                        NodeKind::Text(t) if t.trim().is_empty() => {}
                        NodeKind::Element { tag, .. } if tag.as_ref() == "br" => {
                            if prev_br {
                                s.br_pairs += 1;
                            }
                            prev_br = true;
                        }
                        _ => prev_br = false,
                    }
                }
                if node.hints.has(crate::extract::hints::ClassHints::POPUP) {
                    s.popups += 1;
                }
                match tag {
                    "a" if node.attr("href").is_some() => s.link_weight = s.weight(),
                    "p" => s.paragraphs += 1,
                    "img" => s.images += 1,
                    "li" => s.list_items += 1,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => s.headings += 1,
                    _ => {}
                }
            }
        }
        st[id] = s;
        if let Some(p) = node.parent {
            let p = p as usize;
            let is_block = is_block_tag(node.tag()) || s.has_block_desc;
            let (text, lw) = (s.text, s.link_weight);
            // A block's text is not inline content of its parent.
            let (iw, ic) = if node.is_element() && is_block {
                (0, 0)
            } else {
                (s.inline_weight, s.inline_commas)
            };
            let ps = &mut st[p];
            ps.text.add(&text);
            ps.link_weight += lw;
            ps.inline_weight += iw;
            ps.inline_commas += ic;
            ps.paragraphs += s.paragraphs;
            ps.images += s.images;
            ps.list_items += s.list_items;
            ps.headings += s.headings;
            ps.popups += s.popups;
            if node.is_element() && is_block {
                ps.has_block_child = true;
                ps.has_block_desc = true;
            }
        }
    }
    st
}
