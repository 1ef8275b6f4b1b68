//! JSON-LD (`<script type="application/ld+json">`): the most reliable metadata source
//! when present. Handles top-level arrays, `@graph`, and `@type` as string or array.
//! Traversal of the JSON value is iterative; serde_json caps nesting at 128 itself.

use serde_json::Value;

/// What an `Article`-like JSON-LD object says.
#[derive(Debug, Default, Clone)]
pub struct JsonLd {
    pub headline: Option<String>,
    /// `name`: usually the headline again, sometimes the site's name (see
    /// `meta::ld_title`, which picks between the two).
    pub name: Option<String>,
    pub author: Option<String>,
    /// `datePublished`, as written.
    pub published: Option<String>,
    /// `dateCreated`: only a fallback, a draft's creation is not its publication.
    pub created: Option<String>,
    pub modified: Option<String>,
    pub publisher: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub url: Option<String>,
    pub body: Option<String>,
    /// `description` of a `Product` (or `ProductGroup`): shops often render it with a
    /// script, so it may be missing from the page's own text (`build::product`).
    pub product_description: Option<String>,
    /// The page is one product's page: a top-level `Product`/`ProductGroup` object with
    /// `offers` or `hasVariant` (at
    /// most `tunables::MAX_PAGE_PRODUCTS` of them: more is a listing) and no article-like object
    /// (a review or buying guide describes products beside its `Article`).
    pub product_page: bool,
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit('/').next().unwrap_or(t);
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting"
                | "LiveBlogPosting"
                | "Report"
                | "WebPage"
                | "Review"
                | "Recipe"
                | "SocialMediaPosting"
                | "DiscussionForumPosting"
                | "TechArticle"
                | "NewsArticle"
                | "ScholarlyArticle"
                | "MedicalWebPage"
                | "QAPage"
                | "HowTo"
        )
}

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    }
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(o) => o
            .get("name")
            .or(o.get("@value"))
            .or(o.get("url"))
            .and_then(string_of),
        Value::Array(a) => a.iter().find_map(string_of),
        _ => None,
    }
}

fn names_of(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(names_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(string_of),
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty() && !s.starts_with("http")).then(|| s.to_string())
        }
        _ => None,
    }
}

fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("url").or(o.get("contentUrl")).and_then(image_of),
        Value::Array(a) => a.iter().find_map(image_of),
        _ => None,
    }
}

/// Parse all JSON-LD blocks and return the best Article-like object's fields.
pub fn parse(scripts: &[String]) -> Option<JsonLd> {
    let mut best: Option<(u8, JsonLd)> = None;
    let mut product_description: Option<String> = None;
    let mut top_products = 0usize;
    let mut articles = false;
    for raw in scripts {
        let raw = unwrap_script(raw);
        let Ok(root) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        // `top`: the object is a root, an element of a root array or of an `@graph`
        // (not nested inside another object, as a review's `itemReviewed` is).
        let mut stack = vec![(&root, true)];
        let mut visited = 0;
        while let Some((v, top)) = stack.pop() {
            visited += 1;
            if visited > 10_000 {
                break;
            }
            match v {
                Value::Array(a) => stack.extend(a.iter().map(|x| (x, top))),
                Value::Object(o) => {
                    if let Some(g) = o.get("@graph") {
                        stack.push((g, top));
                    }
                    let ts = types(v);
                    let is_product = ts
                        .iter()
                        .any(|t| matches!(t.rsplit('/').next(), Some("Product" | "ProductGroup")));
                    // A product for sale has `offers` (or variants that carry them): a
                    // service or software page that calls itself a `Product` has none.
                    if top
                        && is_product
                        && (o.contains_key("offers") || o.contains_key("hasVariant"))
                    {
                        top_products += 1;
                    }
                    if ts
                        .iter()
                        .any(|t| t.ends_with("Article") || t.contains("Posting"))
                    {
                        articles = true;
                    }
                    if product_description.is_none() && is_product {
                        product_description = v.get("description").and_then(string_of);
                    }
                    if let Some(t) = ts.iter().find(|t| is_article_type(t)) {
                        let rank = if t.ends_with("Article") || t.contains("Posting") {
                            2
                        } else {
                            1
                        };
                        let ld = fields(v);
                        if best.as_ref().is_none_or(|(r, _)| rank > *r) {
                            best = Some((rank, ld));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let product_page =
        !articles && (1..=crate::extract::tunables::MAX_PAGE_PRODUCTS).contains(&top_products);
    match (best, product_description) {
        (Some((_, ld)), pd) => Some(JsonLd {
            product_description: pd,
            product_page,
            ..ld
        }),
        (None, pd) if pd.is_some() || product_page => Some(JsonLd {
            product_description: pd,
            product_page,
            ..JsonLd::default()
        }),
        (None, _) => None,
    }
}

/// The JSON inside a script's text: CMSs wrap it in `<!-- … -->` or `<![CDATA[ … ]]>`
/// (an XHTML habit) that browsers leave in the script's text.
fn unwrap_script(raw: &str) -> &str {
    let mut s = raw.trim();
    loop {
        let t = s
            .strip_prefix("<!--")
            .or_else(|| s.strip_prefix("<![CDATA["))
            .or_else(|| s.strip_prefix("//"))
            .unwrap_or(s)
            .trim_start();
        let t = t
            .strip_suffix("-->")
            .or_else(|| t.strip_suffix("]]>"))
            .unwrap_or(t)
            .trim_end();
        let t = t.strip_suffix("//").unwrap_or(t).trim_end();
        if t.len() == s.len() {
            return s;
        }
        s = t;
    }
}

fn fields(v: &Value) -> JsonLd {
    let get = |k: &str| v.get(k);
    JsonLd {
        headline: get("headline").and_then(string_of),
        name: get("name").and_then(string_of),
        author: get("author").or(get("creator")).and_then(names_of),
        published: get("datePublished").and_then(string_of),
        created: get("dateCreated").and_then(string_of),
        modified: get("dateModified").and_then(string_of),
        publisher: get("publisher").and_then(names_of),
        description: get("description").and_then(string_of),
        image: get("image").or(get("thumbnailUrl")).and_then(image_of),
        url: get("url")
            .and_then(string_of)
            .or_else(|| get("mainEntityOfPage").and_then(|m| m.get("@id").and_then(string_of))),
        body: get("articleBody").and_then(string_of),
        product_description: None,
        product_page: false,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_news_article_in_graph() {
        let s = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
        {"@type":["NewsArticle"],"headline":"H","author":[{"@type":"Person","name":"A B"},{"name":"C"}],
         "datePublished":"2024-01-02T03:04:05Z","publisher":{"@type":"Organization","name":"Pub"},
         "image":{"@type":"ImageObject","url":"https://x/i.jpg"}}]}"#;
        let ld = parse(&[s.to_string()]).expect("article");
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.author.as_deref(), Some("A B, C"));
        assert_eq!(ld.publisher.as_deref(), Some("Pub"));
        assert_eq!(ld.image.as_deref(), Some("https://x/i.jpg"));
    }

    #[test]
    fn reads_cdata_wrapped_array() {
        let s = r#" <![CDATA[ [{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"H","name":"Site","author":{"@type":"Organization","name":"Desk"},
        "datePublished":"2018-12-21T12:55:00Z","dateCreated":"2018-12-20"}] ]]> "#;
        let ld = parse(&[s.to_string()]).expect("article");
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.name.as_deref(), Some("Site"));
        assert_eq!(ld.author.as_deref(), Some("Desk"));
        assert_eq!(ld.published.as_deref(), Some("2018-12-21T12:55:00Z"));
        assert_eq!(ld.created.as_deref(), Some("2018-12-20"));
    }

    #[test]
    fn ignores_garbage() {
        assert!(parse(&["{not json".into(), "[]".into()]).is_none());
    }

    #[test]
    fn reads_a_product_description_beside_or_without_an_article() {
        let p = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"P"},
        {"@type":"Product","name":"Trail 25","description":"Keeps your gear in reach."}]}"#;
        let ld = parse(&[p.into()]).expect("ld");
        assert_eq!(
            ld.product_description.as_deref(),
            Some("Keeps your gear in reach.")
        );
        let only = r#"{"@type":"https://schema.org/ProductGroup","description":"Socks."}"#;
        let ld = parse(&[only.into()]).expect("ld");
        assert_eq!(ld.product_description.as_deref(), Some("Socks."));
        assert!(ld.headline.is_none());
    }

    #[test]
    fn a_product_page_is_one_product_for_sale_without_an_article() {
        let page = |j: &str| parse(&[j.to_string()]).is_some_and(|l| l.product_page);
        assert!(page(
            r#"{"@type":"Product","name":"Mug","offers":{"price":"9"}}"#
        ));
        // A service calling itself a product, a review article, a listing: not one.
        assert!(!page(r#"{"@type":"Product","name":"CRM"}"#));
        assert!(!page(
            r#"[{"@type":"NewsArticle","headline":"Best mugs"},{"@type":"Product","offers":{}}]"#
        ));
        assert!(!page(
            r#"[{"@type":"Product","offers":{}},{"@type":"Product","offers":{}},{"@type":"Product","offers":{}}]"#
        ));
        assert!(!page(
            r#"{"@type":"Review","itemReviewed":{"@type":"Product","offers":{}}}"#
        ));
    }
}
