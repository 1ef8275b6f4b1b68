//! Every tunable of metadata collection in one table, each with why it has its value.
//! Rules are general: none names a site, domain or benchmark page.

/// Share of a publisher title's words (`og:title`, JSON-LD) that must recur in `<title>`
/// for the two to count as the same headline written twice (`Seven secrets …` and
/// `The seven secrets … | Site`). Below it, and when only `<title>` is borne out by a
/// heading, the publisher title is a site-wide default and `<title>` is used instead.
pub const SAME_TITLE_SHARE: f64 = 0.5;
