//! Reading QR codes off printed pages, as a phone camera would: the PDF Chromium printed is
//! rasterised by poppler's `pdftoppm` (Debian's `poppler-utils`) and each page is scanned by
//! ZBar's `zbarimg` (Debian's `zbar-tools`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test support fails by panicking"
)]

use crate::Unavailable;
use std::path::Path;
use std::process::Command;

/// Dots per inch the pages are rasterised at: a module of the smallest printed code (29 mm
/// for 41 modules) is then about eight pixels wide.
const DPI: &str = "300";

fn run(
    tool: &str,
    package: &str,
    args: &[&std::ffi::OsStr],
) -> Result<std::process::Output, Unavailable> {
    Command::new(tool)
        .args(args)
        .output()
        .map_err(|e| Unavailable::Missing(format!("{tool}: {e} (apt-get install {package})")))
}

/// The QR codes found on each page of a PDF, page by page, each as the text it holds.
pub fn qr_codes_in_pdf(pdf: &[u8]) -> Result<Vec<Vec<String>>, Unavailable> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let input = dir.path().join("printed.pdf");
    std::fs::write(&input, pdf).expect("writing the PDF");
    let prefix = dir.path().join("page");
    // No anti-aliasing: the modules are abutting rectangles, and smoothed edges would leave
    // faint seams between them.
    let raster = run(
        "pdftoppm",
        "poppler-utils",
        &[
            "-r".as_ref(),
            DPI.as_ref(),
            "-gray".as_ref(),
            "-png".as_ref(),
            "-aa".as_ref(),
            "no".as_ref(),
            "-aaVector".as_ref(),
            "no".as_ref(),
            input.as_os_str(),
            prefix.as_os_str(),
        ],
    )?;
    assert!(
        raster.status.success(),
        "pdftoppm failed: {}",
        String::from_utf8_lossy(&raster.stderr)
    );
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .expect("listing the pages")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    // pdftoppm pads page numbers to the same width, so names sort in page order.
    pages.sort();
    pages.iter().map(|page| scan(page)).collect()
}

/// The QR codes on one page image, in the order ZBar finds them.
fn scan(page: &Path) -> Result<Vec<String>, Unavailable> {
    let out = run(
        "zbarimg",
        "zbar-tools",
        &[
            "--quiet".as_ref(),
            "--raw".as_ref(),
            "-Sdisable".as_ref(),
            "-Sqrcode.enable".as_ref(),
            page.as_os_str(),
        ],
    )?;
    // Exit status 4: no code on this page.
    assert!(
        out.status.success() || out.status.code() == Some(4),
        "zbarimg failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}
