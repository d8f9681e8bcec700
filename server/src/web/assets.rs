//! The built CSS, JavaScript and WebAssembly, compressed once at start-up.
//!
//! Residents' phones download the survey page's code over weak signals, so every byte counts.
//! Brotli at its highest quality is too slow to run per request, so the server writes a `.br`
//! file beside each asset when it starts (and again only when the asset changed). The static
//! file handler serves the `.br` file to browsers that accept it.

use std::path::Path;

/// The extensions worth compressing.
const COMPRESSIBLE: [&str; 4] = ["js", "wasm", "css", "svg"];

/// Writes `file.br` for every compressible file under `dir` whose `.br` is missing or older.
/// Returns how many files were (re)compressed. Errors are logged, never fatal: uncompressed
/// files still work.
pub fn precompress(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut written = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            written += precompress(&path);
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let mut target = path.clone().into_os_string();
        target.push(".br");
        let target = std::path::PathBuf::from(target);
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        if let (Some(src), Some(dst)) = (modified(&path), modified(&target))
            && dst >= src
        {
            continue;
        }
        match compress_file(&path, &target) {
            Ok(()) => written += 1,
            Err(e) => tracing::warn!(file = %path.display(), error = %e, "cannot precompress"),
        }
    }
    written
}

fn compress_file(source: &Path, target: &Path) -> std::io::Result<()> {
    let input = std::fs::read(source)?;
    let mut output = Vec::with_capacity(input.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut input.as_slice(), &mut output, &params)?;
    // Write then rename, so a reader never sees half a file.
    let mut partial = target.as_os_str().to_owned();
    partial.push(".tmp");
    std::fs::write(&partial, output)?;
    std::fs::rename(&partial, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compresses_assets_once_and_again_when_they_change() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let js = dir.path().join("app.js");
        std::fs::write(&js, "console.log('よりあい');\n".repeat(200))?;
        std::fs::write(dir.path().join("notes.txt"), "not compressed")?;
        assert_eq!(precompress(dir.path()), 1);
        let br = dir.path().join("app.js.br");
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut std::fs::read(&br)?.as_slice(), &mut decoded)?;
        assert_eq!(decoded, std::fs::read(&js)?);
        assert!(decoded.len() > 10 * std::fs::metadata(&br)?.len() as usize);
        assert_eq!(precompress(dir.path()), 0, "up to date: nothing to do");
        assert!(!dir.path().join("notes.txt.br").exists());
        Ok(())
    }
}
