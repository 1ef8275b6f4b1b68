//! Ask CSS only about what the article holds.
//!
//! Why: asking every element of the page whether CSS hides it (`checkVisibility`, then the
//! computed style) was ~40 % of the walk, and the walk more than half of a read — yet an
//! element hidden outside the article changes nothing the reader shows: the core drops
//! menus, dialogs and footers whether or not CSS shows them (the native CLI never sees CSS
//! and scores as well). So a read walks without asking ([`super::dom_walk`] keeps the
//! elements by their number), extracts, and then asks about the elements the selection
//! keeps and the ancestors of its roots only. When some are hidden, the arena is built again
//! with them hidden ([`snapshot_doc::build_with`]) and the article extracted again — the
//! selection may move, so the new one is asked about too, up to [`MAX_ROUNDS`] times.
//!
//! A page that hides most of its text until the reader scrolls or clicks (lazy rendering,
//! "reveal on scroll", a closed tab holding the article) is read as the CLI reads it: when
//! what CSS hides of the selection is more than [`MOSTLY_HIDDEN_MIN_CHARS`] and more than
//! the rest of the page's text, or when nothing readable is left once it is hidden, the
//! article stands as extracted.

use super::dom_walk::{self, Encoded};
use super::snapshot::SnapshotStats;
use super::snapshot_doc::{self, NO_ORIGIN};
use crate::dom::{Doc, NodeId};
use crate::extract::Selection;
use crate::{Article, Error, Options};

/// Rounds of asking and extracting again. The first round settles nearly every page (a
/// hidden element inside the article rarely moves the selection); a page whose every
/// selection turns out hidden is read as extracted after these.
pub const MAX_ROUNDS: usize = 3;

/// Non-space characters of the selection hidden by CSS above which (and above the rest of
/// the page's text) the page counts as hiding its content until an interaction.
pub const MOSTLY_HIDDEN_MIN_CHARS: u32 = 1_500;

/// What [`extract`] read.
#[derive(Debug)]
pub struct Verified {
    pub article: Article,
    /// The walk's counts ([`snapshot_doc::Built::stats`]) with `hidden`: the elements
    /// found hidden.
    pub stats: SnapshotStats,
    /// Milliseconds spent asking CSS (reading the page, as the walk does: reported apart
    /// from the extraction's time).
    pub css_ms: f64,
}

/// The article of a walk taken without asking CSS, asking CSS about what it holds.
pub fn extract(enc: &Encoded, opts: &Options) -> Result<Verified, Error> {
    let base = crate::base_url(opts)?;
    let mut hidden: Vec<u32> = Vec::new();
    let mut round = 0;
    let mut fallback: Option<Article> = None;
    let mut stats: Option<SnapshotStats> = None;
    let mut css_ms = 0.0;
    let (first, revealable) = loop {
        let built = snapshot_doc::build_with(enc, base.clone(), &opts.limits, false, &hidden)?;
        let (doc, origin) = (built.doc, built.origin);
        stats.get_or_insert(built.stats);
        let (article, sel) = match crate::article_and_selection(&doc, opts) {
            Ok(x) => x,
            // Nothing readable once the hidden is hidden: read the page as extracted.
            Err(Error::NoContent) if fallback.is_some() => {
                break (fallback.take().ok_or(Error::NoContent), Default::default());
            }
            Err(e) => break (Err(e), doc.revealable()),
        };
        if round == MAX_ROUNDS {
            break (Ok(article), doc.revealable());
        }
        round += 1;
        let asked = asked(&doc, &sel, &origin);
        let ordinals: Vec<u32> = asked.iter().map(|&(o, _)| o).collect();
        let t = dom_walk::clock_ms();
        let found = dom_walk::hidden_of(&ordinals);
        css_ms += dom_walk::clock_ms() - t;
        let mut found =
            found.map_err(|_| Error::Decode("the page could not be asked about CSS".into()))?;
        if found.is_empty() {
            break (Ok(article), doc.revealable());
        }
        found.sort_unstable();
        if mostly_hidden(&doc, &sel, &asked, &found) {
            break (Ok(article), doc.revealable());
        }
        hidden.extend(found);
        hidden.sort_unstable();
        hidden.dedup();
        fallback = Some(article);
    };
    let mut stats = stats.unwrap_or_default();
    stats.hidden = hidden.len();
    crate::retry_light(first, revealable, opts, || {
        snapshot_doc::build_with(enc, base, &opts.limits, true, &hidden).map(|b| b.doc)
    })
    .map(|article| Verified {
        article,
        stats,
        css_ms,
    })
}

/// The elements to ask about, as (number in the walk, arena node), ascending: those the
/// selection keeps, and the ancestors of its roots.
fn asked(doc: &Doc, sel: &Selection, origin: &[u32]) -> Vec<(u32, NodeId)> {
    let mut out = Vec::new();
    let mut push = |id: NodeId| {
        let o = origin.get(id as usize).copied().unwrap_or(NO_ORIGIN);
        if o != NO_ORIGIN {
            out.push((o, id));
        }
    };
    let mut stack: Vec<NodeId> = Vec::new();
    for &root in &sel.roots {
        let mut up = doc.node(root).parent;
        while let Some(a) = up {
            push(a);
            up = doc.node(a).parent;
        }
        stack.push(root);
        while let Some(id) = stack.pop() {
            if sel.removed.get(id as usize).copied().unwrap_or(false) {
                continue;
            }
            let n = doc.node(id);
            if !n.is_element() {
                continue;
            }
            push(id);
            stack.extend(n.children.iter().rev());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The page hides most of its text, the selection's included: CSS hides more than
/// [`MOSTLY_HIDDEN_MIN_CHARS`] of what was asked, and more than the rest of the page.
/// `found` ascending; each hidden subtree counted once (not again for a hidden element
/// inside a hidden one).
fn mostly_hidden(doc: &Doc, sel: &Selection, asked: &[(u32, NodeId)], found: &[u32]) -> bool {
    let mut is_found = vec![false; doc.nodes.len()];
    let mut nodes = Vec::with_capacity(found.len());
    for &(o, id) in asked {
        if found.binary_search(&o).is_ok() {
            is_found[id as usize] = true;
            nodes.push(id);
        }
    }
    let chars = |id: NodeId| sel.stats.get(id as usize).map_or(0, |s| s.text.chars);
    let mut hidden: u32 = 0;
    for &id in &nodes {
        let mut up = doc.node(id).parent;
        let mut inside_found = false;
        while let Some(a) = up {
            if is_found[a as usize] {
                inside_found = true;
                break;
            }
            up = doc.node(a).parent;
        }
        if !inside_found {
            hidden = hidden.saturating_add(chars(id));
        }
    }
    let page = chars(doc.body);
    hidden > MOSTLY_HIDDEN_MIN_CHARS && hidden > page.saturating_sub(hidden)
}
