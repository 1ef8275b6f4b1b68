//! A minimal zip writer (deflate, no extras) for the extension packages: enough for the
//! Chrome Web Store and addons.mozilla.org, and no extra dependency or system `zip`.

use std::io::Write;
use std::path::Path;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

struct Entry {
    name: String,
    crc: u32,
    size: u32,
    csize: u32,
    offset: u32,
}

/// Zip every file under `dir` (sorted, `/`-separated relative names) into `out`.
pub fn zip_dir(dir: &Path, out: &Path) -> Result<u64, String> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let mut buf: Vec<u8> = Vec::new();
    let mut entries = Vec::new();
    for name in files {
        let data = std::fs::read(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        let mut crc = Crc::new();
        crc.update(&data);
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&data).map_err(|e| e.to_string())?;
        let comp = enc.finish().map_err(|e| e.to_string())?;
        let e = Entry {
            name,
            crc: crc.sum(),
            size: u32::try_from(data.len()).map_err(|_| "file too large for zip")?,
            csize: u32::try_from(comp.len()).map_err(|_| "file too large for zip")?,
            offset: u32::try_from(buf.len()).map_err(|_| "zip too large")?,
        };
        // Local file header.
        buf.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header_common(&mut buf, &e);
        buf.extend_from_slice(e.name.as_bytes());
        buf.extend_from_slice(&comp);
        entries.push(e);
    }
    let cd_start = buf.len();
    for e in &entries {
        buf.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        buf.extend_from_slice(&20u16.to_le_bytes()); // made by
        header_common(&mut buf, e);
        buf.extend_from_slice(&0u16.to_le_bytes()); // comment length
        buf.extend_from_slice(&0u16.to_le_bytes()); // disk number
        buf.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        buf.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // external: rw-r--r--
        buf.extend_from_slice(&e.offset.to_le_bytes());
        buf.extend_from_slice(e.name.as_bytes());
    }
    let cd_len = buf.len() - cd_start;
    let n = u16::try_from(entries.len()).map_err(|_| "too many files for zip")?;
    buf.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    buf.extend_from_slice(&[0, 0, 0, 0]);
    buf.extend_from_slice(&n.to_le_bytes());
    buf.extend_from_slice(&n.to_le_bytes());
    buf.extend_from_slice(&(cd_len as u32).to_le_bytes());
    buf.extend_from_slice(&(cd_start as u32).to_le_bytes());
    buf.extend_from_slice(&0u16.to_le_bytes());
    std::fs::write(out, &buf).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(buf.len() as u64)
}

/// Version needed, flags (UTF-8 names), method (deflate), time, date, crc, sizes, name
/// length, extra length: the part shared by local and central headers.
fn header_common(buf: &mut Vec<u8>, e: &Entry) {
    buf.extend_from_slice(&20u16.to_le_bytes());
    buf.extend_from_slice(&0x0800u16.to_le_bytes());
    buf.extend_from_slice(&8u16.to_le_bytes());
    buf.extend_from_slice(&0u16.to_le_bytes()); // 00:00:00
    buf.extend_from_slice(&((45u16 << 9) | (1 << 5) | 1).to_le_bytes()); // 2025-01-01
    buf.extend_from_slice(&e.crc.to_le_bytes());
    buf.extend_from_slice(&e.csize.to_le_bytes());
    buf.extend_from_slice(&e.size.to_le_bytes());
    buf.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
    buf.extend_from_slice(&0u16.to_le_bytes());
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for ent in rd {
        let ent = ent.map_err(|e| e.to_string())?;
        let p = ent.path();
        if p.is_dir() {
            collect(root, &p, out)?;
        } else {
            let rel = p.strip_prefix(root).map_err(|e| e.to_string())?;
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}
