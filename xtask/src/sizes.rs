//! Raw, gzip and brotli sizes of the shipped files: what a visitor downloads.

use std::io::Write;
use std::path::{Path, PathBuf};

pub struct FileSize {
    pub path: PathBuf,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}

pub fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    match brotli::BrotliCompress(&mut input, &mut out, &params) {
        Ok(_) => out.len(),
        Err(_) => 0,
    }
}

/// Every file under `dir`, sorted by path, with its sizes.
pub fn measure(dir: &Path) -> std::io::Result<Vec<FileSize>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path)?;
            Ok(FileSize {
                raw: bytes.len(),
                gzip: gzip_len(&bytes),
                brotli: brotli_len(&bytes),
                path: path.strip_prefix(dir).unwrap_or(&path).to_path_buf(),
            })
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_text() {
        let text = "Action plan agreed. ".repeat(500);
        let raw = text.len();
        let gz = gzip_len(text.as_bytes());
        let br = brotli_len(text.as_bytes());
        assert!(gz > 0 && gz < raw / 10, "gzip {gz} of {raw}");
        assert!(br > 0 && br <= gz, "brotli {br}, gzip {gz}");
    }
}
