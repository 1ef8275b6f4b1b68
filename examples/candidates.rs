//! Print the top content candidates of a page: `cargo run --example candidates FILE [URL]`.
use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: candidates FILE [URL]");
        std::process::exit(2);
    };
    let mut bytes = std::fs::read(&path).unwrap_or_default();
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out);
        bytes = out;
    }
    let html = readmark::decode::decode_html(&bytes, None);
    let url = args.next().and_then(|u| url::Url::parse(&u).ok());
    let limits = readmark::Limits::default();
    match readmark::dom::Doc::parse(&html, url, &limits) {
        Ok(doc) => {
            let meta = readmark::meta::collect(&doc);
            for line in readmark::extract::debug_candidates(&doc, &meta) {
                println!("{line}");
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
